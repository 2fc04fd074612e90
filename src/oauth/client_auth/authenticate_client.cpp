#include "oauth/client_auth/authenticate_client.hpp"

#include "oauth/client_auth/basic_credentials.hpp"
#include "oauth/client_auth/client_secret.hpp"
#include "oauth/client_auth/private_key_jwt.hpp"

namespace authly::oauth {
namespace {

using AuthResult = core::Result<AuthenticatedClient, OAuthError>;

OAuthError invalid_client(std::string detail) {
  // One description for every cause: which part was wrong is not the caller's business.
  return make_error(ErrorCode::invalid_client, "client authentication failed", std::move(detail));
}

std::optional<store::Client> active_client(store::Store& store, const std::string& client_id) {
  auto client = store.clients().find(client_id);
  if (!client || !client->is_active) return std::nullopt;
  return client;
}

AuthResult by_secret(store::Store& store, const std::string& client_id, const std::string& secret, std::string method) {
  auto client = active_client(store, client_id);
  if (!client) return core::fail(invalid_client("unknown or inactive client"));
  if (!uses_client_secret(*client)) return core::fail(invalid_client("client does not authenticate with a secret"));
  if (!client_secret_matches(*client, secret)) return core::fail(invalid_client("wrong client secret"));
  return AuthenticatedClient{std::move(*client), std::move(method)};
}

AuthResult by_assertion(const ClientAuthInput& in, const ClientAuthSettings& settings, store::Store& store,
                        ClientKeyCache& cache, core::TimePoint now) {
  if (!in.client_assertion || !in.client_assertion_type)
    return core::fail(make_error(ErrorCode::invalid_request, "client_assertion and client_assertion_type go together"));
  if (*in.client_assertion_type != kJwtBearerAssertionType)
    return core::fail(invalid_client("unsupported client_assertion_type"));
  auto claimed = assertion_client_id_unverified(*in.client_assertion);
  if (!claimed) return core::fail(invalid_client("malformed client assertion"));
  if (in.client_id && *in.client_id != *claimed) return core::fail(invalid_client("client_id differs from assertion"));
  auto client = active_client(store, *claimed);
  if (!client) return core::fail(invalid_client("unknown or inactive client"));
  if (client->token_endpoint_auth_method != "private_key_jwt")
    return core::fail(invalid_client("client is not registered for private_key_jwt"));

  AssertionRules rules;
  rules.audiences = {settings.issuer, settings.issuer + "/auth/token"};
  if (!settings.endpoint_url.empty()) rules.audiences.push_back(settings.endpoint_url);
  rules.now = now;
  auto keys = cache.keys_for(*client, now);
  if (!keys) return core::fail(invalid_client("client has no usable keys"));
  auto verified = verify_client_assertion(*in.client_assertion, client->id, *keys, rules, store.tokens());
  if (!verified && client->jwks.empty() && verified.error().detail.rfind("signature: ", 0) == 0) {
    // The client may have rotated its keys since we cached its jwks_uri document: look once more.
    auto fresh = cache.keys_for(*client, now, true);
    if (fresh && fresh != keys)
      verified = verify_client_assertion(*in.client_assertion, client->id, *fresh, rules, store.tokens());
  }
  if (!verified) return core::fail(std::move(verified).error());
  return AuthenticatedClient{std::move(*client), "private_key_jwt"};
}

}  // namespace

AuthResult authenticate_client(const ClientAuthInput& in, const ClientAuthSettings& settings, store::Store& store,
                               ClientKeyCache& keys, core::TimePoint now) {
  const bool basic = in.authorization.has_value();
  const bool post = in.client_secret.has_value();
  const bool jwt = in.client_assertion.has_value() || in.client_assertion_type.has_value();
  // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
  if (int(basic) + int(post) + int(jwt) > 1)
    return core::fail(make_error(ErrorCode::invalid_request, "use exactly one client authentication method"));

  if (basic) {
    auto credentials = parse_basic_authorization(*in.authorization);
    if (!credentials) return core::fail(invalid_client("malformed Basic credentials or another scheme"));
    // A client_id repeated in the body is tolerated only when it names the same client.
    if (in.client_id && *in.client_id != credentials->client_id)
      return core::fail(invalid_client("client_id differs from Basic credentials"));
    return by_secret(store, credentials->client_id, credentials->secret, "client_secret_basic");
  }
  if (post) {
    if (!in.client_id) return core::fail(invalid_client("client_secret without client_id"));
    return by_secret(store, *in.client_id, *in.client_secret, "client_secret_post");
  }
  if (jwt) return by_assertion(in, settings, store, keys, now);

  // none: a public client identifies itself by client_id alone (RFC 6749 §2.1, §3.2.1).
  if (!in.client_id) return core::fail(invalid_client("no client authentication"));
  auto client = active_client(store, *in.client_id);
  if (!client) return core::fail(invalid_client("unknown or inactive client"));
  if (client->type != store::ClientType::public_ || client->token_endpoint_auth_method != "none")
    return core::fail(invalid_client("confidential client presented no credentials"));
  if (!settings.allow_public) return core::fail(invalid_client("this endpoint requires client credentials"));
  return AuthenticatedClient{std::move(*client), "none"};
}

}  // namespace authly::oauth
