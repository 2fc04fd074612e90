// Per-IP limits of the authorization endpoint and of open registration (oauth/per_ip_limits).
#include "oauth/per_ip_limits.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

const core::SystemClock kWallClock;  // the limiter's windows; nothing here advances time

TEST(PerIpLimits, AuthorizeAllowsTheLimitThenSaysWhenToComeBack) {
  auto limiter = cache::make_rate_limiter(nullptr, kWallClock);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(authorize_throttled(*limiter, 3, "192.0.2.1")) << i;
  const auto wait = authorize_throttled(*limiter, 3, "192.0.2.1");
  ASSERT_TRUE(wait);
  EXPECT_GE(wait->count(), 1);
  EXPECT_LE(wait->count(), 60);
}

TEST(PerIpLimits, EachAddressHasItsOwnCount) {
  auto limiter = cache::make_rate_limiter(nullptr, kWallClock);
  EXPECT_FALSE(authorize_throttled(*limiter, 1, "192.0.2.1"));
  EXPECT_TRUE(authorize_throttled(*limiter, 1, "192.0.2.1"));
  EXPECT_FALSE(authorize_throttled(*limiter, 1, "192.0.2.2"));
  EXPECT_FALSE(authorize_throttled(*limiter, 1, "2001:db8::1"));
}

TEST(PerIpLimits, RegistrationIsCountedApartFromAuthorize) {
  auto limiter = cache::make_rate_limiter(nullptr, kWallClock);
  EXPECT_FALSE(authorize_throttled(*limiter, 1, "192.0.2.1"));
  EXPECT_FALSE(registration_throttled(*limiter, 1, "192.0.2.1"));
  const auto wait = registration_throttled(*limiter, 1, "192.0.2.1");
  ASSERT_TRUE(wait);
  EXPECT_GT(wait->count(), 60);  // an hour's window
  EXPECT_LE(wait->count(), 3600);
}

}  // namespace
}  // namespace authly::oauth
