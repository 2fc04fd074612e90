// Login lockout (oauth/password_login): failures are counted per normalised username, for unknown
// names exactly as for real ones, and counted before the password is checked, so parallel guesses
// cannot run more hash verifications than the limit allows.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "cache/rate_limiter.hpp"
#include "oauth/password_login.hpp"
#include "services/user_service.hpp"
#include "store/store.hpp"

namespace authly::oauth {
namespace {

using std::chrono::seconds;

const crypto::PasswordPolicy kFastPolicy{crypto::PasswordPolicy::Algorithm::argon2id, 4, 1, 8};
constexpr const char* kPassword = "correct horse battery";

// Counts verifications. Each one takes a little while, as a real argon2id does, so that parallel
// attempts overlap the way they do on a loaded server.
class CountingHasher final : public crypto::PasswordHasher {
 public:
  CountingHasher() : PasswordHasher(kFastPolicy) {}
  bool verify(std::string_view password, std::string_view stored_hash) const override {
    ++verifications;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return PasswordHasher::verify(password, stored_hash);
  }
  mutable std::atomic<int> verifications{0};
};

class PasswordLoginLockout : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store({"sqlite::memory:", 4, 5'000});
    store_->migrate();
    services::UserService users(*store_, hasher_, rng_, clock_);
    ASSERT_TRUE(users.create({"alice", "alice@example.com", kPassword, "Alice", "Liddell", false, true}, "test").ok());
    policy_.max_failures = 5;
    policy_.lockout = seconds(900);
    policy_.per_ip_per_minute = 100000;  // the per-IP limit is not under test here
  }

  core::Result<store::User, LoginFailure> attempt(std::string_view username, std::string_view password) {
    return check_password_login(store_->users(), hasher_, *limiter_, policy_, username, password, "192.0.2.7",
                                clock_.now());
  }

  // Runs `n` wrong guesses for `username` on n threads released together.
  std::vector<LoginFailure> parallel_wrong_guesses(const std::string& username, int n) {
    std::latch start(n);
    std::vector<LoginFailure> failures(static_cast<std::size_t>(n), LoginFailure::disabled);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        auto r = attempt(username, "wrong guess " + std::to_string(i));
        if (!r) failures[static_cast<std::size_t>(i)] = r.error();
      });
    }
    for (auto& t : threads) t.join();
    return failures;
  }

  core::SystemRandom rng_;
  core::FixedClock clock_{core::from_unix(1'800'000'000)};
  CountingHasher hasher_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<cache::RateLimiter> limiter_ = cache::make_rate_limiter(nullptr, clock_);
  LoginPolicy policy_;
};

TEST_F(PasswordLoginLockout, ParallelGuessesRunExactlyMaxFailuresVerifications) {
  hasher_.verifications = 0;
  const auto failures = parallel_wrong_guesses("alice", 25);
  EXPECT_EQ(hasher_.verifications.load(), policy_.max_failures);
  EXPECT_EQ(std::count(failures.begin(), failures.end(), LoginFailure::invalid_credentials), policy_.max_failures);
  EXPECT_EQ(std::count(failures.begin(), failures.end(), LoginFailure::locked), 25 - policy_.max_failures);
  // Locked: even the right password is not checked.
  const int before = hasher_.verifications.load();
  auto r = attempt("alice", kPassword);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), LoginFailure::locked);
  EXPECT_EQ(hasher_.verifications.load(), before);
}

TEST_F(PasswordLoginLockout, ParallelGuessesAtAnUnknownNameAreCountedTheSameWay) {
  hasher_.verifications = 0;
  const auto failures = parallel_wrong_guesses("nobody", 25);
  EXPECT_EQ(hasher_.verifications.load(), policy_.max_failures);
  EXPECT_EQ(std::count(failures.begin(), failures.end(), LoginFailure::locked), 25 - policy_.max_failures);
}

TEST_F(PasswordLoginLockout, UnknownAndRealNamesLockAlike) {
  for (int i = 0; i < policy_.max_failures; ++i) {
    auto real = attempt("alice", "wrong");
    auto unknown = attempt("nobody", "wrong");
    ASSERT_FALSE(real);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(real.error(), LoginFailure::invalid_credentials) << i;
    EXPECT_EQ(unknown.error(), LoginFailure::invalid_credentials) << i;
  }
  auto real = attempt("alice", "wrong");
  auto unknown = attempt("nobody", "wrong");
  ASSERT_FALSE(real);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(real.error(), LoginFailure::locked);
  EXPECT_EQ(unknown.error(), LoginFailure::locked);
}

TEST_F(PasswordLoginLockout, LetterCaseDoesNotOpenASecondCounter) {
  // Usernames match case-insensitively, so "ALICE" and "Alice" are the same account and the same counter.
  for (int i = 0; i < policy_.max_failures; ++i) ASSERT_FALSE(attempt(i % 2 ? "ALICE" : "Alice", "wrong"));
  auto r = attempt("alice", kPassword);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), LoginFailure::locked);
}

TEST_F(PasswordLoginLockout, SuccessResetsTheCount) {
  for (int i = 0; i < policy_.max_failures - 1; ++i) ASSERT_FALSE(attempt("alice", "wrong"));
  ASSERT_TRUE(attempt("alice", kPassword));
  for (int i = 0; i < policy_.max_failures - 1; ++i) ASSERT_FALSE(attempt("alice", "wrong"));
  EXPECT_TRUE(attempt("alice", kPassword));
}

}  // namespace
}  // namespace authly::oauth
