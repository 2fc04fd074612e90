#pragma once
// The production oidc::BackchannelSender (OIDC Back-Channel Logout 1.0 §2.5, §2.8): POST
// application/x-www-form-urlencoded `logout_token=...` through the outbound HTTP client.
//
// One relying party that hangs must not delay the others: `oidc.backchannel_concurrency` threads
// deliver at once, and at most `oidc.backchannel_per_host` of them serve one host:port, so a few
// silent receivers cannot take every thread. The queue holds at most `oidc.backchannel_queue_limit`
// tokens (retries included); beyond that new ones are dropped, logged and counted. Retries follow
// oidc::backchannel_retry_delay. drain() waits for an empty queue, for shutdown and tests.
#include <memory>

#include "config/config.hpp"
#include "oidc/backchannel.hpp"

namespace authly::outbound {

std::unique_ptr<oidc::BackchannelSender> make_backchannel_sender(const config::OidcConfig& config);

}  // namespace authly::outbound
