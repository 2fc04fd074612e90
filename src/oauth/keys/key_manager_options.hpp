#pragma once
// Tuning for the database-backed SigningKeys (oauth/signing_keys.hpp): reload cadence and the
// rotation schedule (DESIGN.md §4, docs/key-rotation.md). app/ builds it from Config with
// options_from(); tests set short periods directly.
#include <chrono>
#include <memory>
#include <string>

#include "oauth/signing_keys.hpp"

namespace authly::oauth::keys {

struct KeyManagerOptions {
  // How long an in-process snapshot of the key table is trusted before it is read again, so that
  // instances sharing one database converge (rotation by another instance, a lost promotion race).
  // Also the interval at which the maintenance scheduler runs the rotation state machine
  // (rotation_plan.hpp) through SigningKeys::maintain().
  std::chrono::seconds reload_interval{60};
  // When two instances race to activate a first key, the loser's key is retired but stays
  // published this long (at least retire_retention): it may have signed tokens before its
  // instance reloaded.
  std::chrono::seconds race_loser_published_for{24 * 3600};
  // An active key activated this long ago is replaced by a freshly staged `next` key. 0: never
  // automatically (only `authly keys rotate`).
  std::chrono::seconds rotation_period{0};
  // A `next` key is published this long before it is promoted to sign.
  std::chrono::seconds publish_lead{3600};
  // A retired key stays published (keeps verifying) this long after it stopped signing: the
  // longest token lifetime plus the time other instances may still sign with it.
  std::chrono::seconds retire_retention{3600 + 60 + 60};
};

// From config.keys and the token lifetimes:
//   rotation_period  = keys.rotation_period_s (0: off)
//   publish_lead     = max(keys.publish_lead_s, keys.reload_interval_s + keys.jwks_max_age_s), so
//                      every instance has reloaded and every cached JWKS has expired before the key signs
//   retire_retention = max(oauth.access_token_ttl_s, oidc.id_token_ttl_s) + keys.reload_interval_s + 60 s skew
//   reload_interval  = keys.reload_interval_s
KeyManagerOptions options_from(const config::Config& config);

std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock, KeyManagerOptions options);

}  // namespace authly::oauth::keys
