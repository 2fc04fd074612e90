#pragma once
// Applying the signing key state machine (rotation_plan.hpp) to the store, and staging a rotation
// on request (`authly keys rotate`). Every change is one compare-and-set or insert in the store,
// audited as key.rotated / key.activated / key.retired / key.removed.
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "jose/algorithm.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/signing_keys.hpp"
#include "store/store.hpp"

namespace authly::oauth::keys {

// Plans and applies steps until the plan is empty (a lost compare-and-set re-reads the table
// first; at most a few rounds) and returns the key table as last read, oldest first. New keys are
// sealed under `master_key` (32 bytes).
std::vector<store::SigningKey> run_rotation(store::Store& store, std::string_view master_key, core::Random& rng,
                                            const core::Clock& clock, const KeyManagerOptions& options);

// Stages a `next` key of `alg` that the servers promote once options.publish_lead has passed, or
// returns the one already staged (created = false) so that repeating the command is harmless.
// Throws std::invalid_argument for HS256, and std::runtime_error (naming the kid) when
// `master_key` does not open the keys already in use: the new key would not open on the servers.
RotationReport stage_rotation(store::Store& store, std::string_view master_key, core::Random& rng, core::TimePoint now,
                              const KeyManagerOptions& options, jose::Algorithm alg, const std::string& actor);

}  // namespace authly::oauth::keys
