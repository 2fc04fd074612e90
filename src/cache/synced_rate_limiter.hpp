#pragma once
// Request-rate limits on hot paths (the token endpoint answers tens of thousands of requests a
// second): every hit is counted in memory, never waiting on Redis. With Redis configured the
// counts are exchanged there — at once for the rare events that need an exact shared count (failed
// client authentications: hit_now), and once per sync() for the rest — so N instances enforce one
// limit, exceeded at most by what the others admitted since their last sync. Windows are fixed and
// aligned to the wall clock (window = floor(now / length)), so every instance counts the same one.
// Without Redis, or while it is unreachable, the counts are this instance's own (a limit is never
// lifted).
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cache/rate_limiter.hpp"
#include "cache/redis_client.hpp"
#include "core/clock.hpp"

namespace authly::cache {

class SyncedRateLimiter {
 public:
  // redis == nullptr: in-process only.
  SyncedRateLimiter(RedisClient* redis, const core::Clock& clock) : redis_(redis), clock_(clock) {}

  // Counts one hit in memory: allowed while this window's count (this instance's hits plus the
  // others' as of the last exchange) is within `limit`.
  HitResult hit(std::string_view key, int limit, std::chrono::seconds window);
  // The same, then exchanges this key's count with Redis at once (blocking: on an I/O thread it
  // asks for the pool before counting anything).
  HitResult hit_now(std::string_view key, int limit, std::chrono::seconds window);
  // The count as known here, without counting: for a check before the counted event happens.
  long long count(std::string_view key, std::chrono::seconds window);
  // Until the current window of that length ends (at least 1 s).
  std::chrono::seconds retry_after(std::chrono::seconds window) const;
  // Pushes every key's hits since the last exchange and learns the shared totals (blocking).
  // Drops windows that have ended. Runs every second from the maintenance scheduler.
  void sync();

 private:
  struct Window {
    std::int64_t index = -1;  // floor(now / length)
    std::int64_t length_s = 1;
    long long local = 0;   // this instance's hits in the window
    long long pushed = 0;  // of which Redis has been told
    long long others = 0;  // the other instances' hits, as of the last exchange
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  Window& current(std::string_view key, std::int64_t now_s, std::chrono::seconds window);  // mutex_ held
  HitResult result(const Window& w, std::int64_t now_s, int limit) const;
  // INCRBY of `delta` on the window's Redis key; the shared total, or -1 when Redis failed.
  long long exchange(const std::string& key, const Window& w, long long delta);
  void learn(const std::string& key, std::int64_t index, long long sent, long long total);
  std::int64_t now_s() const;

  RedisClient* redis_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window, Hash, std::equal_to<>> windows_;
  int hits_since_prune_ = 0;
};

}  // namespace authly::cache
