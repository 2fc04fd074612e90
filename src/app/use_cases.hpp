#pragma once
// Binds the protocol use-cases to their dependencies for the endpoints (endpoints::UseCases): the
// one place that turns configuration into token policy, lifetimes and limits. Application and
// the component tests that mount single endpoints build their context through it.
#include <string_view>

#include "cache/rate_limiter.hpp"
#include "cache/synced_rate_limiter.hpp"
#include "config/config.hpp"
#include "core/random.hpp"
#include "crypto/password.hpp"
#include "endpoints/context.hpp"
#include "oauth/client_auth/client_key_cache.hpp"
#include "oauth/signing_keys.hpp"
#include "oidc/backchannel.hpp"
#include "services/client_service.hpp"
#include "store/store.hpp"

namespace authly::app {

// Every reference must outlive the use-cases; `pairwise_key` and `config.issuer` are viewed, not
// copied, by some of them.
struct UseCaseParts {
  const config::Config& config;
  store::Store& store;
  core::Random& rng;
  const crypto::PasswordHasher& hasher;
  oauth::SigningKeys& keys;
  cache::RateLimiter& limiter;
  oidc::BackchannelSender& backchannel;
  services::ClientService& clients;
  std::string_view pairwise_key;     // oidc::derive_pairwise_key(master key)
  oauth::JwksFetch jwks_fetch = {};  // private_key_jwt jwks_uri documents; empty: such clients cannot authenticate
  cache::SyncedRateLimiter* request_counts = nullptr;  // the client-authentication limits; null: none
};

// Throws std::invalid_argument when oauth.signing_alg names no algorithm.
endpoints::UseCases bind_use_cases(UseCaseParts parts);

}  // namespace authly::app
