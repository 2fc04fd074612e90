#pragma once
// The signing key state machine (DESIGN.md §4, docs/key-rotation.md) as a plain function over the
// key table: next (published, not signing) -> active (signs) -> retired (verifies) -> removed.
// Every instance sharing a database plans from the same rows with the same rules and applies each
// step as one compare-and-set, so instances that race converge to the same table.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "jose/algorithm.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "store/models.hpp"

namespace authly::oauth::keys {

struct KeyStep {
  enum class Kind {
    stage,    // create a `next` key of `alg` (automatic rotation)
    retire,   // active -> retired, published until remove_after (replaced, or lost a promotion race)
    promote,  // next -> active: it signs from now on
    discard,  // a surplus `next` key (two instances staged at once) -> retired; it never signed
    remove,   // delete a retired key whose remove_after has passed
  };
  Kind kind = Kind::stage;
  jose::Algorithm alg = jose::Algorithm::ES256;
  std::string kid;                 // empty for stage
  core::TimePoint remove_after{};  // retire and discard only
};

// The steps the rules call for at `now`, in the order to apply them (for one algorithm, retiring
// the old active key comes before promoting the new one, so a crash in between leaves no active
// key, which the next signing request repairs by promoting the same `next` key). Per algorithm:
//   - two or more active keys: all but the oldest are retired (nothing else this round);
//   - two or more next keys: all but the oldest are discarded (nothing else this round);
//   - promotion: the next key once created_at + publish_lead <= now; any active key is retired
//     with remove_after = now + retire_retention;
//   - automatic: when rotation_period > 0, no next key exists and the active key was activated
//     at least rotation_period ago, a next key is staged;
// and every retired key with remove_after <= now is removed. Rows of unknown algorithms are left
// alone. The first key of an algorithm is not planned here: SigningKeys::active() creates it.
std::vector<KeyStep> plan_rotation(const std::vector<store::SigningKey>& rows, core::TimePoint now,
                                   const KeyManagerOptions& options);

}  // namespace authly::oauth::keys
