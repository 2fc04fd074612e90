#include "oidc/backchannel_retry.hpp"

namespace authly::oidc {

bool backchannel_delivered(long status) { return status == 200 || status == 204; }

std::optional<std::chrono::milliseconds> backchannel_retry_delay(int attempts_made, long status,
                                                                 const BackchannelRetryPolicy& policy) {
  if (backchannel_delivered(status) || attempts_made >= policy.attempts || attempts_made < 1) return std::nullopt;
  if (status >= 400 && status < 500 && status != 408 && status != 429) return std::nullopt;
  auto delay = policy.first_delay;
  // Doubling stops at the cap, so no shift can overflow however many attempts are configured.
  for (int i = 1; i < attempts_made && delay < policy.max_delay; ++i) delay *= 2;
  return delay < policy.max_delay ? delay : policy.max_delay;
}

}  // namespace authly::oidc
