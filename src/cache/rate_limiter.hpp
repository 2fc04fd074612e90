#pragma once
// Fixed-window counters shared by the login page and the password grant: per-IP attempt limits and
// per-account failure counts (lockout). With Redis configured the counters live there (INCR +
// EXPIRE), so N instances enforce one limit; otherwise in-process (one instance's view). Fails
// closed: if Redis cannot be reached, hit() refuses and count() reports the limit as reached.
#include <chrono>
#include <memory>
#include <string>

#include "cache/redis_client.hpp"

namespace authly::cache {

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Counts one hit on `key` in the window that the first hit opened; true while the count is
  // within `limit`.
  virtual bool hit(const std::string& key, int limit, std::chrono::seconds window) = 0;
  // Hits so far in the open window (0 when none); INT_MAX when the backend is unreachable.
  virtual int count(const std::string& key) = 0;
  virtual void reset(const std::string& key) = 0;
};

// redis == nullptr: in-process limiter.
std::unique_ptr<RateLimiter> make_rate_limiter(RedisClient* redis);

}  // namespace authly::cache
