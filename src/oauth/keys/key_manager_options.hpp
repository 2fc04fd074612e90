#pragma once
// Tuning for the database-backed SigningKeys (oauth/signing_keys.hpp), mainly for tests that need
// a short reload interval.
#include <chrono>
#include <memory>
#include <string>

#include "oauth/signing_keys.hpp"

namespace authly::oauth::keys {

struct KeyManagerOptions {
  // How long an in-process snapshot of the key table is trusted before it is read again, so that
  // instances sharing one database converge (rotation by another instance, a lost promotion race).
  std::chrono::seconds reload_interval{60};
  // When two instances race to activate a first key, the loser's key is retired but stays
  // published this long: it may have signed tokens before its instance reloaded.
  std::chrono::seconds race_loser_published_for{24 * 3600};
};

std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock, KeyManagerOptions options);

}  // namespace authly::oauth::keys
