#include "oauth/token_request.hpp"

#include "core/blocking.hpp"
#include "oauth/grants/authorization_code_grant.hpp"
#include "oauth/grants/client_credentials_grant.hpp"
#include "oauth/grants/password_grant.hpp"
#include "oauth/grants/refresh_token_grant.hpp"
#include "oauth/token_introspection.hpp"

namespace authly::oauth {
namespace {

constexpr std::string_view kGrantTypes[kGrants] = {"authorization_code", "refresh_token", "client_credentials",
                                                   "password"};  // in the order of Grant

std::optional<Grant> grant_named(std::string_view name) {
  for (std::size_t i = 0; i < kGrants; ++i)
    if (kGrantTypes[i] == name) return static_cast<Grant>(i);
  return std::nullopt;
}

core::Result<TokenResponse, OAuthError> run_grant(GrantContext& g, const store::Client& client, Grant grant,
                                                  const TokenRequest& r) {
  switch (grant) {
    case Grant::authorization_code:
      return authorization_code_grant(g, client, {r.code.value_or(""), r.redirect_uri, r.code_verifier});
    case Grant::refresh_token:
      return refresh_token_grant(g, client, {r.refresh_token.value_or(""), r.scope});
    case Grant::client_credentials:
      return client_credentials_grant(g, client, {r.scope});
    case Grant::password:
      break;
  }
  return password_grant(g, client, {r.username, r.password, r.scope});
}

}  // namespace

std::string_view to_string(Grant grant) noexcept { return kGrantTypes[static_cast<std::size_t>(grant)]; }

core::Result<Grant, OAuthError> requested_grant(const std::optional<std::string>& grant_type, TokenEndpoint endpoint,
                                                bool password_grant_enabled) {
  if (!grant_type || grant_type->empty())
    return core::fail(make_error(ErrorCode::invalid_request, "grant_type is required"));
  const auto grant = grant_named(*grant_type);
  const bool served = grant && (endpoint == TokenEndpoint::token || *grant == Grant::refresh_token) &&
                      (*grant != Grant::password || password_grant_enabled);
  // The name is input: it goes to the log only.
  if (!served) return core::fail(make_error(ErrorCode::unsupported_grant_type, "unsupported grant_type", *grant_type));
  return *grant;
}

core::Result<TokenResponse, OAuthError> token_request(const TokenEndpointDeps& deps, TokenEndpoint endpoint,
                                                      std::string_view endpoint_path, const TokenRequest& request,
                                                      core::TimePoint now, std::string* authenticated_client_id) {
  const auto grant = requested_grant(request.grant_type, endpoint, deps.policy.password_grant);
  if (!grant) return core::fail(grant.error());
  // The other grants read or write SQL: on an I/O thread they move to the blocking pool here,
  // before authentication does any work.
  if (*grant != Grant::client_credentials) core::expect_blocking("token grant");
  auto client = authenticate_caller(deps, request.credentials, endpoint_path, true, now);
  if (!client) return core::fail(client.error());
  if (authenticated_client_id) *authenticated_client_id = client->client.id;
  GrantContext g{deps.policy,
                 deps.store,
                 deps.rng,
                 now,
                 deps.keys.active(deps.access_token_alg),
                 deps.hasher,
                 deps.limiter,
                 request.client_ip,
                 deps.id_tokens.get()};
  auto response = run_grant(g, client->client, *grant, request);
  if (deps.throttle) deps.throttle->completed(client->client.id, request.credentials.client_ip);
  return response;
}

core::Result<AuthenticatedClient, OAuthError> authenticate_caller(const TokenEndpointDeps& deps,
                                                                  const ClientAuthInput& credentials,
                                                                  std::string_view endpoint_path, bool allow_public,
                                                                  core::TimePoint now) {
  if (deps.throttle)
    if (auto refused = deps.throttle->before_authentication(credentials.client_ip)) return core::fail(*refused);
  ClientAuthSettings settings{deps.policy.issuer, deps.policy.issuer + std::string(endpoint_path), allow_public};
  auto client = authenticate_client(credentials, settings, deps.store, *deps.client_keys, now);
  if (!deps.throttle) return client;
  if (!client) {
    if (client.error().code == ErrorCode::invalid_client) deps.throttle->failed_authentication(credentials.client_ip);
    return client;
  }
  if (auto refused = deps.throttle->authenticated(client->client.id)) return core::fail(*refused);
  return client;
}

std::string introspect(const TokenEndpointDeps& deps, const store::Client& caller, std::string_view token,
                       std::string_view token_type_hint, std::string_view client_ip, core::TimePoint now) {
  auto body = introspect_token(deps.store, *deps.keys.published(), deps.policy.issuer, caller, token, token_type_hint,
                               now, deps.policy.pairwise_key, deps.introspection_cache.get());
  if (deps.throttle) deps.throttle->completed(caller.id, client_ip);
  return body;
}

void revoke(const TokenEndpointDeps& deps, const store::Client& caller, const RevocationRequest& request,
            core::TimePoint now) {
  revoke_token(deps.store, *deps.keys.published(), deps.policy.issuer, caller, request, now);
  if (deps.throttle) deps.throttle->completed(caller.id, request.client_ip);
}

}  // namespace authly::oauth
