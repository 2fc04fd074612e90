// oidc/session_activity: a browser session's use is written down at most once per touch_interval
// (a tenth of the idle lifetime, 1 s to 60 s), so an SSO sign-in does not always cost a commit.
#include "oidc/session_activity.hpp"

#include <gtest/gtest.h>

#include "oauth/session_lifetime.hpp"

namespace authly::oidc {
namespace {

using oauth::should_record_use;
using oauth::touch_interval;
using std::chrono::hours;
using std::chrono::seconds;

const core::TimePoint kT0 = core::from_unix(1'700'000'000);

TEST(SessionActivity, IntervalIsATenthOfTheIdleLifetimeBetweenOneAndSixtySeconds) {
  EXPECT_EQ(touch_interval(hours(8)), seconds(60));
  EXPECT_EQ(touch_interval(seconds(300)), seconds(30));
  EXPECT_EQ(touch_interval(seconds(5)), seconds(1));
}

TEST(SessionActivity, AUseIsRecordedOnlyOnceTheLastRecordIsAnIntervalOld) {
  const auto idle = hours(8);
  EXPECT_FALSE(should_record_use(kT0, kT0, idle));
  EXPECT_FALSE(should_record_use(kT0, kT0 + seconds(59), idle));
  EXPECT_TRUE(should_record_use(kT0, kT0 + seconds(60), idle));
  EXPECT_TRUE(should_record_use(kT0, kT0 - seconds(1), idle));  // the clock went back: record
}

}  // namespace
}  // namespace authly::oidc
