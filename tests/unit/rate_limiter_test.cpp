// The in-process rate limiter's windows follow the application's injected clock.
#include "cache/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace authly::cache {
namespace {

using std::chrono::seconds;

TEST(InProcessRateLimiter, AWindowEndsWhenTheInjectedClockPassesIt) {
  core::FixedClock clock(core::from_unix(1'700'000'000));
  auto limiter = make_rate_limiter(nullptr, clock);
  EXPECT_TRUE(limiter->hit("k", 1, seconds(60)));
  const auto refused = limiter->count_hit("k", 1, seconds(60));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, seconds(60));
  clock.advance(seconds(59));
  EXPECT_FALSE(limiter->hit("k", 1, seconds(60)));
  EXPECT_EQ(limiter->count("k"), 3);
  clock.advance(seconds(1));
  EXPECT_EQ(limiter->count("k"), 0);  // the window opened at the first hit has ended
  EXPECT_TRUE(limiter->hit("k", 1, seconds(60)));
}

}  // namespace
}  // namespace authly::cache
