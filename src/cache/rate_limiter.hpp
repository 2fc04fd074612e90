#pragma once
// Fixed-window counters shared by the login page, the password grant and the per-IP limits of
// anonymous endpoints: per-IP attempt limits and per-account failure counts (lockout). With Redis
// configured the counters live there (one atomic script: INCR, and EXPIRE when the window opens),
// so N instances enforce one limit; otherwise in-process (one instance's view). While Redis cannot
// be reached the same limits are counted in-process: a limit is never lifted and a request never
// waits on a dead Redis (RedisClient backs off), it only narrows to one instance's view.
#include <chrono>
#include <memory>
#include <string>

#include "cache/redis_client.hpp"
#include "core/clock.hpp"

namespace authly::cache {

struct HitResult {
  bool allowed = false;                 // the count, this hit included, is within the limit
  long long count = 0;                  // hits in the window so far, this one included (0 when the backend failed)
  std::chrono::seconds retry_after{0};  // until the window ends (at least 1 s when refused)
};

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // Counts one hit on `key` in the window that the first hit opened, atomically: of N concurrent
  // hits exactly `limit` are allowed, so a caller may count first and do the limited work after.
  virtual HitResult count_hit(const std::string& key, int limit, std::chrono::seconds window) = 0;
  bool hit(const std::string& key, int limit, std::chrono::seconds window) {
    return count_hit(key, limit, window).allowed;
  }
  // Hits so far in the open window (0 when none).
  virtual int count(const std::string& key) = 0;
  virtual void reset(const std::string& key) = 0;
};

// redis == nullptr: in-process limiter, its windows timed by `clock` (the application's injected
// clock, so a test's FixedClock moves them too). Redis times its own windows (key TTLs).
std::unique_ptr<RateLimiter> make_rate_limiter(RedisClient* redis, const core::Clock& clock);

}  // namespace authly::cache
