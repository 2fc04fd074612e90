#pragma once
// Cache invalidation between instances over Redis pub/sub. An instance that changes a cached table
// (clients, scopes, signing keys, the deny-list) publishes the cache's name; every instance's
// subscriber thread then makes its caches re-check their versions on the next read, so a change
// travels in about one round trip instead of within cache.max_staleness_ms.
//
// Best effort by design: a message lost while the subscription is down costs nothing but speed,
// because the database version check keeps bounding staleness. On every (re)subscription the
// callback runs once, covering whatever was published while the subscriber was away.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "cache/redis_client.hpp"

namespace authly::cache {

class CacheInvalidation {
 public:
  static constexpr const char* kChannel = "authly:cache-invalidation";

  // Starts the subscriber thread; on_message runs on it (keep it short and non-throwing).
  CacheInvalidation(RedisEndpoint endpoint, std::chrono::milliseconds timeout, std::function<void()> on_message);
  ~CacheInvalidation();  // stops and joins the subscriber
  CacheInvalidation(const CacheInvalidation&) = delete;
  CacheInvalidation& operator=(const CacheInvalidation&) = delete;

  // PUBLISH "<origin> <cache>", origin being random per instance so that an instance skips its own
  // messages; never throws (the version check covers a lost message).
  void publish(const std::string& cache) noexcept;
  // True while the subscription is established (readiness and tests).
  bool subscribed() const noexcept { return subscribed_.load(); }

 private:
  void run();
  void subscribe_and_listen();

  RedisEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
  std::function<void()> on_message_;
  RedisClient publisher_;
  std::string origin_prefix_;  // "<origin> "
  std::atomic<bool> stop_{false};
  std::atomic<bool> subscribed_{false};
  int wake_[2] = {-1, -1};  // a pipe: writing to it interrupts the subscriber's poll
  std::thread thread_;
};

}  // namespace authly::cache
