#pragma once
// Rate limits of the endpoints where clients authenticate: token, introspection, revocation.
// Three counts, each per fixed minute (cache::SyncedRateLimiter: memory speed, shared through
// Redis when configured):
// - failed client authentications per client IP (exchanged with Redis at once, so N instances
//   allow one budget): beyond the limit that address gets 429 before any credential is checked;
// - requests per client IP (before authentication; 0 turns it off: many clients may share an
//   address behind a NAT or proxy);
// - requests per authenticated client.
// A refusal is `temporarily_unavailable` with retry_after set: 429 with Retry-After (RFC 6585 §4).
// Requests are checked before the work and counted once it is done: a request that moves to the
// blocking pool part-way (core::WouldBlock) runs again from the start and must not count twice.
#include <chrono>
#include <optional>
#include <string_view>

#include "cache/synced_rate_limiter.hpp"
#include "oauth/error.hpp"

namespace authly::oauth {

struct ClientAuthLimits {
  int failures_per_ip_per_minute = 20;
  int requests_per_ip_per_minute = 0;  // 0: no limit
  int requests_per_client_per_minute = 6'000;
};

class ClientAuthThrottle {
 public:
  ClientAuthThrottle(cache::SyncedRateLimiter& counts, ClientAuthLimits limits) : counts_(counts), limits_(limits) {}
  // Before the credentials are checked: the address's requests and failures so far.
  std::optional<OAuthError> before_authentication(std::string_view client_ip);
  // A failed client authentication from `client_ip`, counted (blocking with Redis).
  void failed_authentication(std::string_view client_ip);
  // After the client authenticated: its requests so far.
  std::optional<OAuthError> authenticated(std::string_view client_id);
  // The request of `client_id` from `client_ip` is done (answered, whatever the answer).
  void completed(std::string_view client_id, std::string_view client_ip);

 private:
  cache::SyncedRateLimiter& counts_;
  ClientAuthLimits limits_;
};

// The refusal: temporarily_unavailable, 429 with Retry-After `wait`.
OAuthError rate_limited(std::chrono::seconds wait, std::string detail);

}  // namespace authly::oauth
