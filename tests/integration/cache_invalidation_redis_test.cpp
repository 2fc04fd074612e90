// Cache invalidation over Redis pub/sub: a revocation on one instance reaches another instance's
// deny-list copy without waiting for the version check (the test never advances the clock past the
// bound), and when the subscription is down the version check still bounds staleness.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cache/cache_invalidation.hpp"
#include "core/clock.hpp"
#include "store/cached/cached_store.hpp"
#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

// An instance: a cached store whose local writes are published and whose caches expire on messages.
struct Instance {
  Instance(const std::string& db_url, const std::string& redis_url, const core::Clock& clock)
      : store(store::open_store({db_url, 2, 5'000}), clock, store::cached::CacheOptions{std::chrono::seconds(1)}),
        channel(cache::parse_redis_url(redis_url), std::chrono::milliseconds(500), [this] { store.expire_all(); }) {
    store.on_change([this](const std::string& name) { channel.publish(name); });
  }
  bool wait_subscribed() {
    for (int i = 0; i < 500 && !channel.subscribed(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return channel.subscribed();
  }
  store::cached::CachedStore store;
  cache::CacheInvalidation channel;
};

class CacheInvalidationRedis : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_url_ = redis_test_url();
    ASSERT_FALSE(redis_url_.empty()) << "REDIS_TEST_URL is not set (scripts/start-services.sh prints it)";
    db_url_ = "sqlite://" + dir_.path() + "/authly.db";
    store::open_store({db_url_, 1, 5'000})->migrate();
  }
  TempDir dir_;
  std::string redis_url_;
  std::string db_url_;
  core::FixedClock clock_{kT0};
};

TEST_F(CacheInvalidationRedis, RevokedTokenIsRefusedBySecondInstanceWithoutWaitingForTheBound) {
  Instance a(db_url_, redis_url_, clock_);
  Instance b(db_url_, redis_url_, clock_);
  ASSERT_TRUE(a.wait_subscribed());
  ASSERT_TRUE(b.wait_subscribed());
  EXPECT_FALSE(b.store.tokens().is_access_token_denied("jti-1"));  // b's copy is now checked and fresh

  a.store.tokens().deny_access_token("jti-1", kT0 + seconds(600));
  // The clock stands still, so only the published message can make b look again. Wait for the
  // delivery (a few milliseconds on loopback; the limit only stops a broken build from hanging).
  bool refused = false;
  for (int i = 0; i < 500 && !refused; ++i) {
    refused = b.store.tokens().is_access_token_denied("jti-1");
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(refused);
}

TEST_F(CacheInvalidationRedis, VersionCheckStillBoundsStalenessWhenTheSubscriptionIsDown) {
  Instance a(db_url_, redis_url_, clock_);
  Instance b(db_url_, "redis://127.0.0.1:1", clock_);  // nothing listens: never subscribed
  ASSERT_TRUE(a.wait_subscribed());
  EXPECT_FALSE(b.channel.subscribed());
  EXPECT_FALSE(b.store.tokens().is_access_token_denied("jti-1"));
  a.store.tokens().deny_access_token("jti-1", kT0 + seconds(600));
  clock_.advance(seconds(1));
  EXPECT_TRUE(b.store.tokens().is_access_token_denied("jti-1"));
}

// An instance's own writes are already in its caches: hearing its own message back would only make
// its next read wait for a version query (once per revocation under load).
TEST_F(CacheInvalidationRedis, AnInstanceIgnoresItsOwnMessages) {
  std::atomic<int> heard{0};
  cache::CacheInvalidation own(cache::parse_redis_url(redis_url_), std::chrono::milliseconds(500), [&] { ++heard; });
  cache::CacheInvalidation other(cache::parse_redis_url(redis_url_), std::chrono::milliseconds(500), [] {});
  for (int i = 0; i < 500 && !(own.subscribed() && other.subscribed()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(own.subscribed() && other.subscribed());
  const int after_subscribing = heard.load();  // one call covers what was published before

  own.publish("deny_list");
  // Redis delivers in the order it ran the PUBLISH commands: once the other instance's message
  // has arrived, the own one (published first) has been delivered too, and skipped.
  other.publish("deny_list");
  for (int i = 0; i < 500 && heard.load() == after_subscribing; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(heard.load(), after_subscribing + 1);
}

}  // namespace
}  // namespace authly::test
