// cache::RedisClient on real Redis (REDIS_TEST_URL): threads do not queue behind one connection.
#include "cache/redis_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store_fixture.hpp"
#include "support/test_env.hpp"

namespace authly::test {
namespace {

// While one thread's command waits on the server (BLPOP on an empty list), another thread's
// commands are answered on another connection of the same client.
TEST(RedisClient, ACommandWaitingOnTheServerDoesNotHoldUpOtherThreads) {
  const auto url = redis_test_url();
  ASSERT_FALSE(url.empty()) << "REDIS_TEST_URL is not set: start the services (scripts/start-services.sh)";
  cache::RedisClient redis(cache::parse_redis_url(url), std::chrono::milliseconds(5000));
  const std::string list = "authly:test:empty:" + random_hex(12);
  std::atomic<bool> popped{false};
  std::thread waiter([&] {
    redis.command({"BLPOP", list, "2"});  // nothing arrives: returns nil after 2 s
    popped = true;
  });
  // INFO runs on another connection; it sees the first one blocked.
  bool saw_blocked = false;
  for (int i = 0; i < 2000 && !saw_blocked; ++i) {
    const auto info = redis.command({"INFO", "clients"});
    saw_blocked = info && info->find("blocked_clients:0") == std::string::npos;
    if (!saw_blocked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(saw_blocked);
  EXPECT_TRUE(redis.ping());
  EXPECT_FALSE(popped.load());  // both answered while the BLPOP still waited
  waiter.join();
  EXPECT_TRUE(popped.load());
}

}  // namespace
}  // namespace authly::test
