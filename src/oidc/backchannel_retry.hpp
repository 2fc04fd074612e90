#pragma once
// When to try a back-channel logout delivery again (OIDC Back-Channel Logout 1.0 §2.8). A plain
// function of the attempt count and the answer, so the schedule is tested without a clock.
#include <chrono>
#include <optional>

namespace authly::oidc {

struct BackchannelRetryPolicy {
  int attempts = 3;                                              // tries per logout token, the first included
  std::chrono::milliseconds first_delay{1'000};                  // before the second try; doubled for each further one
  std::chrono::milliseconds max_delay{std::chrono::minutes(5)};  // no single wait is longer
};

// True for the answers §2.8 calls success: 200 (and 204, which relying parties commonly send).
bool backchannel_delivered(long status);

// The wait before the next try after `attempts_made` tries (>= 1) ended with `status` (0: no
// answer: connect failure, timeout); nullopt to give up. Given up: on success, after
// policy.attempts tries, and on a 4xx other than 408 and 429 (§2.8: the RP answers 400 when it
// cannot log the user out; asking again changes nothing). The delay doubles from
// policy.first_delay and is capped at policy.max_delay.
std::optional<std::chrono::milliseconds> backchannel_retry_delay(int attempts_made, long status,
                                                                 const BackchannelRetryPolicy& policy);

}  // namespace authly::oidc
