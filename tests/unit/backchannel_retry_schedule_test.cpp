// The back-channel logout retry schedule (oidc/backchannel_retry.hpp) as a plain function.
#include <gtest/gtest.h>

#include "oidc/backchannel_retry.hpp"

namespace authly::oidc {
namespace {

using std::chrono::milliseconds;

TEST(BackchannelRetrySchedule, DelayDoublesUntilTheAttemptsRunOut) {
  const BackchannelRetryPolicy policy{4, milliseconds(1'000)};
  EXPECT_EQ(backchannel_retry_delay(1, 0, policy), milliseconds(1'000));
  EXPECT_EQ(backchannel_retry_delay(2, 503, policy), milliseconds(2'000));
  EXPECT_EQ(backchannel_retry_delay(3, 500, policy), milliseconds(4'000));
  EXPECT_EQ(backchannel_retry_delay(4, 500, policy), std::nullopt);
  EXPECT_EQ(backchannel_retry_delay(9, 500, policy), std::nullopt);
}

TEST(BackchannelRetrySchedule, SuccessAndRefusalsAreNotRetried) {
  const BackchannelRetryPolicy policy{5, milliseconds(10)};
  EXPECT_EQ(backchannel_retry_delay(1, 200, policy), std::nullopt);
  EXPECT_EQ(backchannel_retry_delay(1, 204, policy), std::nullopt);
  EXPECT_EQ(backchannel_retry_delay(1, 400, policy), std::nullopt);  // §2.8: the RP could not log out
  EXPECT_EQ(backchannel_retry_delay(1, 404, policy), std::nullopt);
  EXPECT_EQ(backchannel_retry_delay(1, 429, policy), milliseconds(10));
  EXPECT_EQ(backchannel_retry_delay(1, 408, policy), milliseconds(10));
  EXPECT_EQ(backchannel_retry_delay(1, 302, policy), milliseconds(10));  // redirects are not followed
  EXPECT_TRUE(backchannel_delivered(200));
  EXPECT_TRUE(backchannel_delivered(204));
  EXPECT_FALSE(backchannel_delivered(202));
}

TEST(BackchannelRetrySchedule, DelayIsCappedWithoutOverflow) {
  const BackchannelRetryPolicy policy{100, milliseconds(600'000), milliseconds(900'000)};
  EXPECT_EQ(backchannel_retry_delay(2, 0, policy), milliseconds(900'000));
  EXPECT_EQ(backchannel_retry_delay(99, 0, policy), milliseconds(900'000));
  const BackchannelRetryPolicy single{1, milliseconds(10)};
  EXPECT_EQ(backchannel_retry_delay(1, 0, single), std::nullopt);
}

}  // namespace
}  // namespace authly::oidc
