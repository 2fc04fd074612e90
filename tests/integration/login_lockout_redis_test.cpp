// Login lockout with the counters in real Redis (REDIS_TEST_URL), as several instances share them:
// parallel wrong guesses run exactly login.max_failures password verifications, for a real
// account and for an unknown name alike.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "cache/rate_limiter.hpp"
#include "cache/redis_client.hpp"
#include "oauth/password_login.hpp"
#include "services/user_service.hpp"
#include "store/store.hpp"
#include "store_fixture.hpp"
#include "support/test_env.hpp"

namespace authly::test {
namespace {

const core::SystemClock kWallClock;  // the limiter's windows; nothing here advances time

const crypto::PasswordPolicy kFastPolicy{crypto::PasswordPolicy::Algorithm::argon2id, 4, 1, 8};

class CountingHasher final : public crypto::PasswordHasher {
 public:
  CountingHasher() : PasswordHasher(kFastPolicy) {}
  bool verify(std::string_view password, std::string_view stored_hash) const override {
    ++verifications;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // as long-ish as a real argon2id
    return PasswordHasher::verify(password, stored_hash);
  }
  mutable std::atomic<int> verifications{0};
};

class RedisLockout : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = redis_test_url();
    ASSERT_FALSE(url.empty()) << "REDIS_TEST_URL is not set: start the services (scripts/start-services.sh)";
    redis_ = std::make_unique<cache::RedisClient>(cache::parse_redis_url(url), std::chrono::milliseconds(2000));
    limiter_ = cache::make_rate_limiter(redis_.get(), kWallClock);
    store_ = store::open_store({"sqlite::memory:", 4, 5'000});
    store_->migrate();
    // A fresh name per run: the counters outlive the test in the shared Redis.
    username_ = "lockout-" + random_hex(12);
    services::UserService users(*store_, hasher_, rng_, clock_);
    ASSERT_TRUE(
        users.create({username_, username_ + "@example.com", "correct horse battery", "", "", false, false}, "test")
            .ok());
    policy_.max_failures = 5;
    policy_.per_ip_per_minute = 100000;
  }

  int parallel_wrong_guesses(const std::string& username, int n) {
    hasher_.verifications = 0;
    std::latch start(n);
    std::atomic<int> locked{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        auto r = oauth::check_password_login(store_->users(), hasher_, *limiter_, policy_, username,
                                             "wrong " + std::to_string(i), "198.51.100.9", clock_.now());
        if (!r && r.error() == oauth::LoginFailure::locked) ++locked;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(locked.load(), n - policy_.max_failures);
    return hasher_.verifications.load();
  }

  std::unique_ptr<cache::RedisClient> redis_;
  std::unique_ptr<cache::RateLimiter> limiter_;
  std::unique_ptr<store::Store> store_;
  CountingHasher hasher_;
  core::SystemRandom rng_;
  core::SystemClock clock_;
  oauth::LoginPolicy policy_;
  std::string username_;
};

TEST_F(RedisLockout, ParallelGuessesRunExactlyMaxFailuresVerifications) {
  EXPECT_EQ(parallel_wrong_guesses(username_, 25), policy_.max_failures);
}

TEST_F(RedisLockout, UnknownNameIsCountedTheSameWay) {
  EXPECT_EQ(parallel_wrong_guesses("unknown-" + random_hex(12), 25), policy_.max_failures);
}

}  // namespace
}  // namespace authly::test
