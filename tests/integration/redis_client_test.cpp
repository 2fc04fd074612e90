// cache::RedisClient on real Redis (REDIS_TEST_URL): threads do not queue behind one connection.
#include "cache/redis_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store_fixture.hpp"
#include "support/hanging_listener.hpp"
#include "support/redis_server.hpp"
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

// A Redis that hangs costs one timeout, not one per request: after the first failure the client
// backs off and fails at once, without another connection attempt.
TEST(RedisClient, AfterAFailureCommandsFailAtOnceWithoutConnectingAgain) {
  HangingListener hanging;
  cache::RedisClient redis(cache::parse_redis_url("redis://127.0.0.1:" + std::to_string(hanging.port())),
                           std::chrono::milliseconds(300));
  EXPECT_TRUE(redis.up());
  EXPECT_THROW(redis.command({"PING"}), cache::RedisUnavailable);
  EXPECT_FALSE(redis.up());
  EXPECT_EQ(hanging.accepted(), 1);
  for (int i = 0; i < 20; ++i) EXPECT_THROW(redis.command({"PING"}), cache::RedisUnavailable) << i;
  EXPECT_FALSE(redis.ping());
  EXPECT_EQ(hanging.accepted(), 1);  // none of these tried to connect: the back-off had not passed
}

// Stopped and restarted under the client: it reports the outage, then reconnects by itself, and
// every pooled connection (opened before the outage) is replaced, not reused broken.
TEST(RedisClient, ARestartedRedisIsUsedAgainWithoutRestartingTheClient) {
  RedisServer server;
  cache::RedisClient redis(cache::parse_redis_url(server.url()), std::chrono::milliseconds(1000));
  std::vector<std::thread> warm;
  for (int i = 0; i < 4; ++i) warm.emplace_back([&] { EXPECT_TRUE(redis.ping()); });
  for (auto& t : warm) t.join();
  server.stop();
  EXPECT_THROW(redis.command({"PING"}), cache::RedisUnavailable);
  EXPECT_FALSE(redis.up());
  server.start();
  bool back = false;
  for (int i = 0; i < 100 && !back; ++i) {
    back = redis.ping();
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(back) << "no reconnection within 5 s";
  EXPECT_TRUE(redis.up());
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j)
        if (redis.command({"ECHO", "x"}) == std::optional<std::string>("x")) ++answered;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(answered.load(), 160);
}

}  // namespace
}  // namespace authly::test
