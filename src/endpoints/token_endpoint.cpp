// POST /auth/token (RFC 6749 §3.2, §4.1.3, §4.3.2, §4.4.2, §6) and its refresh-only alias
// POST /auth/refresh: parse, authenticate the client, run the grant, answer §5.1 or §5.2.
#include <stdexcept>

#include "core/blocking.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "jose/algorithm.hpp"
#include "oauth/grants/authorization_code_grant.hpp"
#include "oauth/grants/client_credentials_grant.hpp"
#include "oauth/grants/password_grant.hpp"
#include "oauth/grants/refresh_token_grant.hpp"

namespace authly::endpoints {
namespace {

using oauth::ErrorCode;
using GrantResult = core::Result<oauth::TokenResponse, oauth::OAuthError>;

constexpr std::string_view kGrantTypes[] = {"authorization_code", "refresh_token", "client_credentials", "password"};

bool known_grant(std::string_view g) {
  for (auto k : kGrantTypes)
    if (k == g) return true;
  return false;
}

GrantResult run_grant(oauth::GrantContext& g, const store::Client& client, const std::string& grant_type,
                      const http::FormParams& form) {
  if (grant_type == "authorization_code")
    return oauth::authorization_code_grant(
        g, client, {param(form, "code").value_or(""), param(form, "redirect_uri"), param(form, "code_verifier")});
  if (grant_type == "refresh_token")
    return oauth::refresh_token_grant(g, client, {param(form, "refresh_token").value_or(""), param(form, "scope")});
  if (grant_type == "client_credentials") return oauth::client_credentials_grant(g, client, {param(form, "scope")});
  return oauth::password_grant(g, client, {param(form, "username"), param(form, "password"), param(form, "scope")});
}

http::Response token_flow(TokenEndpointState& state, http::Request& req, bool refresh_only) {
  const bool basic = basic_attempted(req);
  const auto now = state.ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  const auto grant_type = param(*form, "grant_type");
  if (!grant_type || grant_type->empty())
    return oauth_error_response(oauth::make_error(ErrorCode::invalid_request, "grant_type is required"), basic);
  // Unsupported grants are refused before authentication: the answer reveals nothing about the client.
  const bool supported = known_grant(*grant_type) && (!refresh_only || *grant_type == "refresh_token") &&
                         (*grant_type != "password" || state.policy.password_grant);
  if (!supported)
    return oauth_error_response(
        oauth::make_error(ErrorCode::unsupported_grant_type, "unsupported grant_type", *grant_type), basic);

  // Only client_credentials can be answered from memory; the other grants read or write SQL, so
  // on an I/O thread they move to the blocking pool here, before authentication does any work.
  if (*grant_type != "client_credentials") core::expect_blocking("token grant");
  auto client = authenticate_caller(state, req, *form, refresh_only ? "/auth/refresh" : "/auth/token", true, now);
  if (!client) return oauth_error_response(client.error(), basic);

  const auto alg = jose::algorithm_from_string(state.ctx.config.oauth.signing_alg);
  if (!alg) throw std::runtime_error("oauth.signing_alg is not a known algorithm");
  oauth::GrantContext g{
      state.policy,      state.ctx.store,    state.ctx.rng,        now, state.ctx.keys.active(*alg), state.ctx.hasher,
      state.ctx.limiter, req.remote_address, state.id_tokens.get()};
  auto result = run_grant(g, client->client, *grant_type, *form);
  if (!result) return oauth_error_response(result.error(), basic);
  return no_store_json(200, oauth::to_json(*result));
}

}  // namespace

http::Response handle_token(TokenEndpointState& state, http::Request& req) { return token_flow(state, req, false); }

http::Response handle_refresh(TokenEndpointState& state, http::Request& req) { return token_flow(state, req, true); }

}  // namespace authly::endpoints
