#include "cache/rate_limiter.hpp"

#include <climits>
#include <mutex>
#include <unordered_map>

namespace authly::cache {
namespace {

using SteadyClock = std::chrono::steady_clock;

class InProcessRateLimiter final : public RateLimiter {
 public:
  bool hit(const std::string& key, int limit, std::chrono::seconds window) override {
    std::lock_guard lock(mutex_);
    const auto now = SteadyClock::now();
    prune(now);
    auto& w = windows_[key];
    if (w.expires <= now) w = {0, now + window};
    ++w.count;
    return w.count <= limit;
  }
  int count(const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end() || it->second.expires <= SteadyClock::now()) return 0;
    return it->second.count;
  }
  void reset(const std::string& key) override {
    std::lock_guard lock(mutex_);
    windows_.erase(key);
  }

 private:
  struct Window {
    int count = 0;
    SteadyClock::time_point expires{};
  };
  // Expired windows are dropped now and then so attackers cycling keys cannot grow the map forever.
  void prune(SteadyClock::time_point now) {
    if (++since_prune_ < 1024) return;
    since_prune_ = 0;
    std::erase_if(windows_, [&](const auto& kv) { return kv.second.expires <= now; });
  }
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  int since_prune_ = 0;
};

class RedisRateLimiter final : public RateLimiter {
 public:
  explicit RedisRateLimiter(RedisClient& redis) : redis_(redis) {}
  bool hit(const std::string& key, int limit, std::chrono::seconds window) override {
    try {
      const auto n = redis_.command({"INCR", prefixed(key)});
      if (!n) return false;
      const long long count = std::stoll(*n);
      // The first hit opens the window; later hits keep its expiry (fixed window).
      if (count == 1) redis_.command({"EXPIRE", prefixed(key), std::to_string(window.count())});
      return count <= limit;
    } catch (...) {
      return false;  // fail closed
    }
  }
  int count(const std::string& key) override {
    try {
      const auto v = redis_.command({"GET", prefixed(key)});
      return v ? std::stoi(*v) : 0;
    } catch (...) {
      return INT_MAX;
    }
  }
  void reset(const std::string& key) override {
    try {
      redis_.command({"DEL", prefixed(key)});
    } catch (...) {
      // A stale counter only delays the next attempt until its window ends.
    }
  }

 private:
  static std::string prefixed(const std::string& key) { return "authly:rl:" + key; }
  RedisClient& redis_;
};

}  // namespace

std::unique_ptr<RateLimiter> make_rate_limiter(RedisClient* redis) {
  if (redis) return std::make_unique<RedisRateLimiter>(*redis);
  return std::make_unique<InProcessRateLimiter>();
}

}  // namespace authly::cache
