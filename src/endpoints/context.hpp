#pragma once
// What endpoint handlers may use. Built once by app/ (the composition root); every member outlives
// the server. Handlers on the blocking pool may touch the store; inline handlers must not.
#include "cache/rate_limiter.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "crypto/password.hpp"
#include "oauth/signing_keys.hpp"
#include "oidc/backchannel.hpp"
#include "store/store.hpp"

namespace authly::endpoints {

struct EndpointContext {
  const config::Config& config;
  store::Store& store;
  core::Random& rng;
  const core::Clock& clock;
  const crypto::PasswordHasher& hasher;
  oauth::SigningKeys& keys;
  cache::RateLimiter& limiter;
  std::string pairwise_key;              // oidc::derive_pairwise_key(master key): pairwise `sub` values
  oidc::BackchannelSender& backchannel;  // logout tokens to clients' backchannel_logout_uri
};

}  // namespace authly::endpoints
