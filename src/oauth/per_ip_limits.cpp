#include "oauth/per_ip_limits.hpp"

#include <string>

namespace authly::oauth {
namespace {

std::optional<std::chrono::seconds> throttled(cache::RateLimiter& limiter, std::string_view bucket, int limit,
                                              std::chrono::seconds window, std::string_view client_ip) {
  auto hit = limiter.count_hit(std::string(bucket) + std::string(client_ip), limit, window);
  if (hit.allowed) return std::nullopt;
  return hit.retry_after;
}

}  // namespace

std::optional<std::chrono::seconds> authorize_throttled(cache::RateLimiter& limiter, int per_minute,
                                                        std::string_view client_ip) {
  return throttled(limiter, "authorize-ip:", per_minute, std::chrono::minutes(1), client_ip);
}

std::optional<std::chrono::seconds> registration_throttled(cache::RateLimiter& limiter, int per_hour,
                                                           std::string_view client_ip) {
  return throttled(limiter, "register-ip:", per_hour, std::chrono::hours(1), client_ip);
}

}  // namespace authly::oauth
