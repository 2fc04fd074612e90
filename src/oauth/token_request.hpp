#pragma once
// The token endpoint's request (RFC 6749 §3.2) as one use-case: which grant is asked for, which
// client asks (§3.2.1), and the grant run (§4.1.3, §4.3.2, §4.4.2, §6). Revocation (RFC 7009) and
// introspection (RFC 7662) authenticate their callers the same way and share the dependencies.
// The endpoint translates the HTTP form into these values and the answer into §5.1 / §5.2.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cache/rate_limiter.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "crypto/password.hpp"
#include "jose/algorithm.hpp"
#include "oauth/client_auth/authenticate_client.hpp"
#include "oauth/client_auth/client_key_cache.hpp"
#include "oauth/client_auth_limits.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"
#include "oauth/grants/id_token_minter.hpp"
#include "oauth/signing_keys.hpp"
#include "oauth/token_revocation.hpp"
#include "oauth/verified_token_cache.hpp"
#include "store/store.hpp"

namespace authly::oauth {

struct TokenEndpointDeps {
  TokenPolicy policy;
  store::Store& store;
  core::Random& rng;
  SigningKeys& keys;
  jose::Algorithm access_token_alg;  // oauth.signing_alg
  const crypto::PasswordHasher& hasher;
  cache::RateLimiter& limiter;
  std::shared_ptr<ClientKeyCache> client_keys;  // private_key_jwt: the clients' jwks_uri documents
  std::shared_ptr<IdTokenMinter> id_tokens;     // ID tokens for grants whose scope has openid
  std::shared_ptr<VerifiedTokenCache> introspection_cache;
  std::shared_ptr<ClientAuthThrottle> throttle;  // null: no limits (unit tests of other rules)
};

enum class Grant { authorization_code, refresh_token, client_credentials, password };
inline constexpr std::size_t kGrants = 4;
std::string_view to_string(Grant grant) noexcept;  // its grant_type value

// The endpoint that received the request: /auth/refresh serves the refresh_token grant only.
enum class TokenEndpoint { token, refresh };

// RFC 6749 §5.2: no grant_type is invalid_request; a grant this endpoint does not serve (unknown,
// refresh-only endpoint, or the password grant switched off) is unsupported_grant_type.
core::Result<Grant, OAuthError> requested_grant(const std::optional<std::string>& grant_type, TokenEndpoint endpoint,
                                                bool password_grant_enabled);

// A token request's parameters as sent (each at most once: the endpoint has refused repeats).
struct TokenRequest {
  std::optional<std::string> grant_type;
  ClientAuthInput credentials;
  std::string client_ip;
  std::optional<std::string> code;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> code_verifier;
  std::optional<std::string> refresh_token;
  std::optional<std::string> scope;
  std::optional<std::string> username;
  std::optional<std::string> password;
};

// The grant is checked before the client is authenticated: an unsupported grant reveals nothing
// about the client and costs no credential check. Only client_credentials can be answered from
// memory; any other grant asks for the blocking pool (core/blocking.hpp) before authentication.
// `endpoint_path` ("/auth/token") joins the issuer as an accepted client-assertion audience.
// `authenticated_client_id`, when given, receives the client's id once it has authenticated (also
// when the grant then fails), for the access log.
core::Result<TokenResponse, OAuthError> token_request(const TokenEndpointDeps& deps, TokenEndpoint endpoint,
                                                      std::string_view endpoint_path, const TokenRequest& request,
                                                      core::TimePoint now,
                                                      std::string* authenticated_client_id = nullptr);

// Client authentication for the token-side endpoints (authenticate_client with these deps), within
// the rate limits of `deps.throttle` (client_auth_limits.hpp): a refusal is temporarily_unavailable
// with retry_after. `allow_public`: false at introspection (RFC 7662 §2.1).
core::Result<AuthenticatedClient, OAuthError> authenticate_caller(const TokenEndpointDeps& deps,
                                                                  const ClientAuthInput& credentials,
                                                                  std::string_view endpoint_path, bool allow_public,
                                                                  core::TimePoint now);

// RFC 7662 §2.2 body for `token` asked about by `caller` from `client_ip` (token_introspection.hpp).
std::string introspect(const TokenEndpointDeps& deps, const store::Client& caller, std::string_view token,
                       std::string_view token_type_hint, std::string_view client_ip, core::TimePoint now);

// RFC 7009 §2.1 revocation by `caller` (token_revocation.hpp).
void revoke(const TokenEndpointDeps& deps, const store::Client& caller, const RevocationRequest& request,
            core::TimePoint now);

}  // namespace authly::oauth
