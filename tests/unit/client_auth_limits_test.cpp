// The rate limits of client authentication (oauth/client_auth_limits.hpp) over the in-memory
// counts of cache::SyncedRateLimiter: fixed windows aligned to the wall clock.
#include "oauth/client_auth_limits.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

using std::chrono::seconds;

// 1'700'000'020 is 40 s into a minute: the aligned window ends 20 s later.
constexpr std::int64_t kT0 = 1'700'000'020;

TEST(SyncedRateLimiter, WindowsAreAlignedToTheWallClockSoEveryInstanceCountsTheSameOne) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  EXPECT_TRUE(counts.hit("k", 1, seconds(60)).allowed);
  const auto refused = counts.hit("k", 1, seconds(60));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.count, 2);
  EXPECT_EQ(refused.retry_after, seconds(20));  // to the minute's end, not 60 s from the first hit
  EXPECT_EQ(counts.count("k", seconds(60)), 2);
  clock.advance(seconds(20));
  EXPECT_EQ(counts.count("k", seconds(60)), 0);
  EXPECT_TRUE(counts.hit("k", 1, seconds(60)).allowed);
}

TEST(SyncedRateLimiter, WithoutRedisSyncDropsEndedWindowsAndKeepsCurrentOnes) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  counts.hit("old", 5, seconds(60));
  clock.advance(seconds(30));  // a new minute
  counts.hit("new", 5, seconds(60));
  counts.sync();
  EXPECT_EQ(counts.count("old", seconds(60)), 0);
  EXPECT_EQ(counts.count("new", seconds(60)), 1);
}

TEST(ClientAuthThrottle, FailedAuthenticationsBlockTheAddressBeforeCredentialsAreChecked) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {3, 0, 0});
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttle.before_authentication("192.0.2.7")) << i;
    throttle.failed_authentication("192.0.2.7");
  }
  const auto refused = throttle.before_authentication("192.0.2.7");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ErrorCode::temporarily_unavailable);
  EXPECT_EQ(refused->retry_after, seconds(20));
  EXPECT_FALSE(throttle.before_authentication("192.0.2.8"));  // another address is not affected
  clock.advance(seconds(20));
  EXPECT_FALSE(throttle.before_authentication("192.0.2.7"));  // the window ended
}

TEST(ClientAuthThrottle, SuccessfulRequestsDoNotCountAsFailures) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {1, 0, 0});
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(throttle.before_authentication("192.0.2.7")) << i;
}

TEST(ClientAuthThrottle, RequestsPerAddressAreLimitedWhenConfigured) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {0, 2, 0});
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(throttle.before_authentication("192.0.2.7")) << i;
    throttle.completed("svc", "192.0.2.7");
  }
  const auto refused = throttle.before_authentication("192.0.2.7");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->retry_after, seconds(20));
  EXPECT_FALSE(throttle.before_authentication("192.0.2.8"));
}

TEST(ClientAuthThrottle, RequestsPerClientAreLimited) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {0, 0, 2});
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(throttle.authenticated("svc")) << i;
    throttle.completed("svc", "192.0.2.7");
  }
  ASSERT_TRUE(throttle.authenticated("svc"));
  EXPECT_FALSE(throttle.authenticated("other"));  // per client
}

// A request counts once it is done: one that moved to the blocking pool part-way was checked twice
// but counts once.
TEST(ClientAuthThrottle, CheckingARequestDoesNotCountIt) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {0, 1, 1});
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle.before_authentication("192.0.2.7")) << i;
    EXPECT_FALSE(throttle.authenticated("svc")) << i;
  }
  throttle.completed("svc", "192.0.2.7");
  EXPECT_TRUE(throttle.before_authentication("192.0.2.7"));
  EXPECT_TRUE(throttle.authenticated("svc"));
}

TEST(ClientAuthThrottle, ZeroTurnsEveryLimitOff) {
  core::FixedClock clock(core::from_unix(kT0));
  cache::SyncedRateLimiter counts(nullptr, clock);
  ClientAuthThrottle throttle(counts, {0, 0, 0});
  for (int i = 0; i < 100; ++i) {
    throttle.failed_authentication("192.0.2.7");
    EXPECT_FALSE(throttle.before_authentication("192.0.2.7"));
    EXPECT_FALSE(throttle.authenticated("svc"));
    throttle.completed("svc", "192.0.2.7");
  }
}

}  // namespace
}  // namespace authly::oauth
