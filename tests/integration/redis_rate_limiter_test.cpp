// cache::RateLimiter on real Redis (REDIS_TEST_URL): one atomic script per hit, so concurrent hits
// from several threads (or instances) allow exactly `limit`, and a refusal says when the window ends.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "cache/rate_limiter.hpp"
#include "cache/redis_client.hpp"
#include "store_fixture.hpp"
#include "support/test_env.hpp"

namespace authly::test {
namespace {

const core::SystemClock kWallClock;  // the limiter's windows; nothing here advances time

std::unique_ptr<cache::RedisClient> connect() {
  const auto url = redis_test_url();
  if (url.empty()) return nullptr;
  return std::make_unique<cache::RedisClient>(cache::parse_redis_url(url), std::chrono::milliseconds(2000));
}

TEST(RedisRateLimiter, ConcurrentHitsAllowExactlyTheLimit) {
  auto redis = connect();
  ASSERT_TRUE(redis) << "REDIS_TEST_URL is not set: start the services (scripts/start-services.sh)";
  // Two limiters on two connections: two instances sharing Redis.
  auto second = connect();
  auto a = cache::make_rate_limiter(redis.get(), kWallClock);
  auto b = cache::make_rate_limiter(second.get(), kWallClock);
  const std::string key = "test-" + random_hex(12);
  constexpr int kThreads = 20;
  std::latch start(kThreads);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      if ((i % 2 ? *a : *b).hit(key, 7, std::chrono::seconds(60))) ++allowed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 7);
  const auto refused = a->count_hit(key, 7, std::chrono::seconds(60));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.count, kThreads + 1);
  EXPECT_GE(refused.retry_after.count(), 1);
  EXPECT_LE(refused.retry_after.count(), 60);
  // The window has an expiry in Redis: it cannot lock anyone out forever.
  const auto ttl = redis->command({"TTL", "authly:rl:" + key});
  ASSERT_TRUE(ttl);
  EXPECT_GT(std::stoll(*ttl), 0);
  a->reset(key);
  EXPECT_TRUE(a->hit(key, 7, std::chrono::seconds(60)));
  a->reset(key);
}

// An outage narrows a limit to this instance's view; it never lifts it.
TEST(RedisRateLimiter, UnreachableRedisKeepsTheLimitInProcess) {
  cache::RedisClient dead(cache::parse_redis_url("redis://127.0.0.1:" + std::to_string(free_port())),
                          std::chrono::milliseconds(200));
  auto limiter = cache::make_rate_limiter(&dead, kWallClock);
  for (int i = 1; i <= 3; ++i) {
    const auto hit = limiter->count_hit("any", 3, std::chrono::seconds(3600));
    EXPECT_TRUE(hit.allowed) << i;
    EXPECT_EQ(hit.count, i);
  }
  const auto refused = limiter->count_hit("any", 3, std::chrono::seconds(3600));
  EXPECT_FALSE(refused.allowed);
  EXPECT_GT(refused.retry_after.count(), 3500);  // the in-process window, not a made-up retry
  EXPECT_EQ(limiter->count("any"), 4);
  limiter->reset("any");
  EXPECT_EQ(limiter->count("any"), 0);
}

}  // namespace
}  // namespace authly::test
