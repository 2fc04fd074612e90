#pragma once
// Client authentication at the token, revocation and introspection endpoints: one dispatcher over
// client_secret_basic, client_secret_post (RFC 6749 §2.3.1), private_key_jwt (RFC 7523 §2.2,
// OIDC Core §9) and none (public clients, RFC 6749 §2.1). Presenting two methods at once is
// invalid_request (§2.3); everything else that fails is invalid_client (§5.2).
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "oauth/client_auth/client_key_cache.hpp"
#include "oauth/error.hpp"
#include "store/store.hpp"

namespace authly::oauth {

// What the request carried, before any lookup. The endpoint has already refused repeated parameters.
struct ClientAuthInput {
  std::optional<std::string> authorization;  // Authorization header
  std::optional<std::string> client_id;      // body parameters
  std::optional<std::string> client_secret;
  std::optional<std::string> client_assertion;
  std::optional<std::string> client_assertion_type;
  std::string client_ip;  // where the request came from: the rate limits of client authentication
};

struct AuthenticatedClient {
  store::Client client;
  std::string method;  // client_secret_basic | client_secret_post | private_key_jwt | none
};

struct ClientAuthSettings {
  std::string issuer;
  std::string endpoint_url;  // the URL being called, also accepted as an assertion audience
  bool allow_public = true;  // introspection refuses unauthenticated (public) callers
};

core::Result<AuthenticatedClient, OAuthError> authenticate_client(const ClientAuthInput& input,
                                                                  const ClientAuthSettings& settings,
                                                                  store::Store& store, ClientKeyCache& keys,
                                                                  core::TimePoint now);

}  // namespace authly::oauth
