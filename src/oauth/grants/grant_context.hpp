#pragma once
// What every grant (RFC 6749 §4, §6) works with, and what it returns. Plain values: the endpoint
// builds them from the configuration and the request; tests build them directly.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "cache/rate_limiter.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "crypto/password.hpp"
#include "jose/signing_key.hpp"
#include "oauth/grants/id_token_minter.hpp"
#include "oauth/password_login.hpp"
#include "store/store.hpp"

namespace authly::oauth {

struct TokenPolicy {
  std::string issuer;
  std::chrono::seconds access_token_ttl{600};
  std::chrono::seconds refresh_idle_ttl{14 * 86400};
  std::chrono::seconds refresh_absolute_ttl{90 * 86400};
  // A session-bound refresh token lives only while its browser session does: that session's idle
  // lifetime is checked here too, and each refresh counts as activity (as a visit would).
  std::chrono::seconds session_idle_ttl{8 * 3600};
  bool password_grant = false;  // server-wide switch for the resource-owner password grant
  // oauth::derive_pairwise_key(master key): the `sub` of user tokens is the client's subject
  // (oauth/subject.hpp), and the user behind it is sealed under a key derived from it
  // (oauth/token_user.hpp). Issuing a user token without it throws.
  std::string pairwise_key;
  LoginPolicy login;
};

struct GrantContext {
  const TokenPolicy& policy;
  store::Store& store;
  core::Random& rng;
  core::TimePoint now;                                  // read once per request
  std::shared_ptr<const jose::SigningKey> signing_key;  // the active access-token key
  const crypto::PasswordHasher& hasher;
  cache::RateLimiter& limiter;
  std::string client_ip;
  IdTokenMinter* id_tokens = nullptr;  // null: no ID tokens (OIDC Core §3.1.3.3 needs `openid` and this)
};

// RFC 6749 §5.1 successful response.
struct TokenResponse {
  std::string access_token;
  std::string token_type = "Bearer";
  std::int64_t expires_in = 0;
  std::string refresh_token;  // empty: none issued
  std::string scope;
  std::string id_token;  // OIDC Core §3.1.3.3; empty: none issued
};

// {"access_token","token_type","expires_in","refresh_token"?,"scope"?,"id_token"?}
std::string to_json(const TokenResponse& response);

}  // namespace authly::oauth
