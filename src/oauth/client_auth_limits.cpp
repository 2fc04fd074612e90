#include "oauth/client_auth_limits.hpp"

#include <string>

namespace authly::oauth {
namespace {

constexpr std::chrono::seconds kMinute{60};

}  // namespace

OAuthError rate_limited(std::chrono::seconds wait, std::string detail) {
  OAuthError e =
      make_error(ErrorCode::temporarily_unavailable, "too many requests, try again later", std::move(detail));
  e.retry_after = std::max(wait, std::chrono::seconds(1));
  return e;
}

namespace {

// Refused when the count already reached the limit: the request asking now would exceed it.
std::optional<OAuthError> reached(cache::SyncedRateLimiter& counts, const std::string& key, int limit,
                                  const char* what) {
  if (limit <= 0 || counts.count(key, kMinute) < limit) return std::nullopt;
  return rate_limited(counts.retry_after(kMinute), what);
}

std::string key_of(std::string_view kind, std::string_view name) {
  std::string key;
  key.reserve(kind.size() + name.size());
  key.append(kind).append(name);
  return key;
}

}  // namespace

std::optional<OAuthError> ClientAuthThrottle::before_authentication(std::string_view client_ip) {
  if (auto refused = reached(counts_, key_of("auth-fail:", client_ip), limits_.failures_per_ip_per_minute,
                             "failed client authentications from this address"))
    return refused;
  return reached(counts_, key_of("auth-ip:", client_ip), limits_.requests_per_ip_per_minute,
                 "requests from this address");
}

void ClientAuthThrottle::failed_authentication(std::string_view client_ip) {
  // Counted at once, and exchanged with Redis at once: the failure budget is shared exactly.
  if (limits_.failures_per_ip_per_minute > 0)
    counts_.hit_now(key_of("auth-fail:", client_ip), limits_.failures_per_ip_per_minute, kMinute);
}

std::optional<OAuthError> ClientAuthThrottle::authenticated(std::string_view client_id) {
  return reached(counts_, key_of("auth-client:", client_id), limits_.requests_per_client_per_minute,
                 "requests of this client");
}

void ClientAuthThrottle::completed(std::string_view client_id, std::string_view client_ip) {
  if (limits_.requests_per_client_per_minute > 0)
    counts_.hit(key_of("auth-client:", client_id), limits_.requests_per_client_per_minute, kMinute);
  if (limits_.requests_per_ip_per_minute > 0)
    counts_.hit(key_of("auth-ip:", client_ip), limits_.requests_per_ip_per_minute, kMinute);
}

}  // namespace authly::oauth
