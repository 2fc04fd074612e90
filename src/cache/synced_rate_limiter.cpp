#include "cache/synced_rate_limiter.hpp"

#include <algorithm>
#include <vector>

#include "core/blocking.hpp"

namespace authly::cache {
namespace {

// One round trip, atomic on the server: add this instance's hits and read the shared total; the
// key outlives its window by one length, then Redis drops it.
constexpr std::string_view kExchangeScript =
    "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) "
    "if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end "
    "return n";

// Ended windows are dropped now and then, so callers cycling keys cannot grow the map forever.
constexpr int kPruneEvery = 4096;

}  // namespace

std::int64_t SyncedRateLimiter::now_s() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

SyncedRateLimiter::Window& SyncedRateLimiter::current(std::string_view key, std::int64_t now,
                                                      std::chrono::seconds window) {
  const std::int64_t length = std::max<std::int64_t>(window.count(), 1);
  auto it = windows_.find(key);
  if (it == windows_.end()) it = windows_.emplace(std::string(key), Window{}).first;
  Window& w = it->second;
  if (w.index != now / length || w.length_s != length) w = Window{now / length, length, 0, 0, 0};
  return w;
}

HitResult SyncedRateLimiter::result(const Window& w, std::int64_t now, int limit) const {
  const long long count = w.local + w.others;
  const std::int64_t left = (w.index + 1) * w.length_s - now;
  return {count <= limit, count, std::chrono::seconds(std::max<std::int64_t>(left, 1))};
}

HitResult SyncedRateLimiter::hit(std::string_view key, int limit, std::chrono::seconds window) {
  const auto now = now_s();
  std::lock_guard lock(mutex_);
  if (++hits_since_prune_ >= kPruneEvery) {
    hits_since_prune_ = 0;
    std::erase_if(windows_, [now](const auto& kv) { return (kv.second.index + 1) * kv.second.length_s <= now; });
  }
  Window& w = current(key, now, window);
  ++w.local;
  return result(w, now, limit);
}

HitResult SyncedRateLimiter::hit_now(std::string_view key, int limit, std::chrono::seconds window) {
  if (redis_ == nullptr) return hit(key, limit, window);
  core::expect_blocking("rate limit");
  hit(key, limit, window);
  const std::string name(key);
  Window sent;
  long long delta = 0;
  {
    std::lock_guard lock(mutex_);
    Window& w = current(key, now_s(), window);
    delta = w.local - w.pushed;
    w.pushed = w.local;  // claimed: a concurrent exchange does not send the same hits again
    sent = w;
  }
  learn(name, sent.index, delta, exchange(name, sent, delta));
  std::lock_guard lock(mutex_);
  return result(current(key, now_s(), window), now_s(), limit);
}

long long SyncedRateLimiter::count(std::string_view key, std::chrono::seconds window) {
  const auto now = now_s();
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  const Window& w = it->second;
  const std::int64_t length = std::max<std::int64_t>(window.count(), 1);
  if (w.index != now / length || w.length_s != length) return 0;
  return w.local + w.others;
}

std::chrono::seconds SyncedRateLimiter::retry_after(std::chrono::seconds window) const {
  const std::int64_t length = std::max<std::int64_t>(window.count(), 1);
  const std::int64_t now = now_s();
  return std::chrono::seconds(std::max<std::int64_t>((now / length + 1) * length - now, 1));
}

long long SyncedRateLimiter::exchange(const std::string& key, const Window& w, long long delta) {
  try {
    const auto reply = redis_->command({"EVAL", std::string(kExchangeScript), "1",
                                        "authly:rl:s:" + key + ":" + std::to_string(w.index), std::to_string(delta),
                                        std::to_string(w.length_s * 2)});
    return reply ? std::stoll(*reply) : -1;
  } catch (const core::WouldBlock&) {
    throw;
  } catch (...) {
    return -1;  // Redis unreachable: the hits stay this instance's own
  }
}

void SyncedRateLimiter::learn(const std::string& key, std::int64_t index, long long sent, long long total) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end() || it->second.index != index) return;  // the window ended meanwhile
  Window& w = it->second;
  if (total < 0) {
    w.pushed -= sent;  // not delivered: the next exchange sends these hits again
    return;
  }
  // Replies of concurrent exchanges may arrive out of order: the others' count only grows.
  w.others = std::max(w.others, total - w.pushed);
}

void SyncedRateLimiter::sync() {
  const auto now = now_s();
  std::vector<std::pair<std::string, Window>> due;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(windows_, [now](const auto& kv) { return (kv.second.index + 1) * kv.second.length_s <= now; });
    if (redis_ == nullptr) return;
    for (auto& [key, w] : windows_) {
      if (w.local == w.pushed) continue;
      due.emplace_back(key, w);
      w.pushed = w.local;
    }
  }
  for (auto& [key, w] : due) {
    const long long delta = w.local - w.pushed;
    learn(key, w.index, delta, exchange(key, w, delta));
  }
}

}  // namespace authly::cache
