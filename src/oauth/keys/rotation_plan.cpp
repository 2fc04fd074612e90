#include "oauth/keys/rotation_plan.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace authly::oauth::keys {
namespace {

using store::KeyState;
using store::SigningKey;

// The order every instance agrees on: oldest first, then by kid.
bool older(const SigningKey* a, const SigningKey* b) {
  return std::tie(a->created_at, a->kid) < std::tie(b->created_at, b->kid);
}

struct AlgKeys {
  std::vector<const SigningKey*> active;
  std::vector<const SigningKey*> next;
};

void plan_alg(jose::Algorithm alg, AlgKeys& keys, core::TimePoint now, const KeyManagerOptions& options,
              std::vector<KeyStep>& steps) {
  std::sort(keys.active.begin(), keys.active.end(), older);
  std::sort(keys.next.begin(), keys.next.end(), older);

  // Race repair first: the loser of a promotion race may have signed before its instance
  // reloaded, so it stays published at least as long as any replaced key.
  if (keys.active.size() > 1) {
    const auto keep = std::max(options.race_loser_published_for, options.retire_retention);
    for (std::size_t i = 1; i < keys.active.size(); ++i)
      steps.push_back({KeyStep::Kind::retire, alg, keys.active[i]->kid, now + keep});
    return;
  }
  // Two instances staged at once: only the oldest may ever be promoted (every instance picks it),
  // so the others can go; nothing signed with them.
  if (keys.next.size() > 1) {
    for (std::size_t i = 1; i < keys.next.size(); ++i)
      steps.push_back({KeyStep::Kind::discard, alg, keys.next[i]->kid, now});
    return;
  }

  if (!keys.next.empty()) {
    const SigningKey& next = *keys.next.front();
    if (next.created_at + options.publish_lead <= now) {
      for (const auto* active : keys.active)
        steps.push_back({KeyStep::Kind::retire, alg, active->kid, now + options.retire_retention});
      steps.push_back({KeyStep::Kind::promote, alg, next.kid, {}});
    }
    return;
  }

  if (options.rotation_period.count() > 0 && keys.active.size() == 1) {
    const SigningKey& active = *keys.active.front();
    const auto since = active.activated_at.value_or(active.created_at);
    if (since + options.rotation_period <= now) steps.push_back({KeyStep::Kind::stage, alg, {}, {}});
  }
}

}  // namespace

std::vector<KeyStep> plan_rotation(const std::vector<store::SigningKey>& rows, core::TimePoint now,
                                   const KeyManagerOptions& options) {
  std::map<jose::Algorithm, AlgKeys> by_alg;
  std::vector<KeyStep> removals;
  for (const auto& row : rows) {
    const auto alg = jose::algorithm_from_string(row.alg);
    if (!alg || *alg == jose::Algorithm::HS256) continue;
    switch (row.state) {
      case KeyState::active:
        by_alg[*alg].active.push_back(&row);
        break;
      case KeyState::next:
        by_alg[*alg].next.push_back(&row);
        break;
      case KeyState::retired:
        // A retired key without a removal time predates rotation; it stays as it is.
        if (row.remove_after && *row.remove_after <= now)
          removals.push_back({KeyStep::Kind::remove, *alg, row.kid, {}});
        break;
    }
  }
  std::vector<KeyStep> steps;
  for (auto& [alg, keys] : by_alg) plan_alg(alg, keys, now, options, steps);
  steps.insert(steps.end(), removals.begin(), removals.end());
  return steps;
}

}  // namespace authly::oauth::keys
