#include "cache/rate_limiter.hpp"

#include <algorithm>
#include <climits>
#include <mutex>
#include <unordered_map>

#include "core/blocking.hpp"

namespace authly::cache {
namespace {

class InProcessRateLimiter final : public RateLimiter {
 public:
  explicit InProcessRateLimiter(const core::Clock& clock) : clock_(clock) {}
  HitResult count_hit(const std::string& key, int limit, std::chrono::seconds window) override {
    std::lock_guard lock(mutex_);
    const auto now = clock_.now();
    prune(now);
    auto& w = windows_[key];
    if (w.expires <= now) w = {0, now + window};
    ++w.count;
    const auto left = std::chrono::ceil<std::chrono::seconds>(w.expires - now);
    return {w.count <= limit, w.count, std::max(left, std::chrono::seconds(1))};
  }
  int count(const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end() || it->second.expires <= clock_.now()) return 0;
    return it->second.count;
  }
  void reset(const std::string& key) override {
    std::lock_guard lock(mutex_);
    windows_.erase(key);
  }

 private:
  struct Window {
    int count = 0;
    core::TimePoint expires{};
  };
  // Expired windows are dropped now and then so attackers cycling keys cannot grow the map forever.
  void prune(core::TimePoint now) {
    if (++since_prune_ < 1024) return;
    since_prune_ = 0;
    std::erase_if(windows_, [&](const auto& kv) { return kv.second.expires <= now; });
  }
  const core::Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  int since_prune_ = 0;
};

// Shared through Redis; while Redis cannot be reached (RedisClient backs off and fails at once) the
// same limits are counted in-process, so an outage narrows a limit to one instance's view but never
// lifts it and never stalls a request. Counts made in-process during an outage are not carried
// into Redis: the shared windows resume from what Redis holds.
class RedisRateLimiter final : public RateLimiter {
 public:
  RedisRateLimiter(RedisClient& redis, const core::Clock& clock) : redis_(redis), local_(clock) {}
  HitResult count_hit(const std::string& key, int limit, std::chrono::seconds window) override {
    try {
      const auto reply = redis_.command({"EVAL", std::string(kHitScript), "1", prefixed(key),
                                         std::to_string(std::max<long long>(window.count(), 1))});
      const auto space = reply ? reply->find(' ') : std::string::npos;
      if (space == std::string::npos) return local_.count_hit(key, limit, window);
      const long long count = std::stoll(reply->substr(0, space));
      const long long ttl = std::stoll(reply->substr(space + 1));
      return {count <= limit, count, std::chrono::seconds(std::max<long long>(ttl, 1))};
    } catch (const core::WouldBlock&) {
      throw;  // on an I/O thread: the request moves to the blocking pool, nothing was counted
    } catch (...) {
      return local_.count_hit(key, limit, window);
    }
  }
  int count(const std::string& key) override {
    try {
      const auto v = redis_.command({"GET", prefixed(key)});
      return std::max(v ? std::stoi(*v) : 0, local_.count(key));
    } catch (const core::WouldBlock&) {
      throw;  // on an I/O thread: the request moves to the blocking pool, nothing was counted
    } catch (...) {
      return local_.count(key);
    }
  }
  void reset(const std::string& key) override {
    local_.reset(key);
    try {
      redis_.command({"DEL", prefixed(key)});
    } catch (const core::WouldBlock&) {
      throw;  // on an I/O thread: the request moves to the blocking pool, nothing was counted
    } catch (...) {
      // A stale counter only delays the next attempt until its window ends.
    }
  }

 private:
  // One round trip, atomic on the server: the first hit opens the window (fixed window), and a key
  // left without expiry (a crash between two commands of an older version) gets one again.
  static constexpr std::string_view kHitScript =
      "local n = redis.call('INCR', KEYS[1]) "
      "local ttl = redis.call('TTL', KEYS[1]) "
      "if n == 1 or ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end "
      "return n .. ' ' .. ttl";
  static std::string prefixed(const std::string& key) { return "authly:rl:" + key; }
  RedisClient& redis_;
  InProcessRateLimiter local_;
};

}  // namespace

std::unique_ptr<RateLimiter> make_rate_limiter(RedisClient* redis, const core::Clock& clock) {
  if (redis) return std::make_unique<RedisRateLimiter>(*redis, clock);
  return std::make_unique<InProcessRateLimiter>(clock);
}

}  // namespace authly::cache
