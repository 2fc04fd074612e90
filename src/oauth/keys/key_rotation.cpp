#include "oauth/keys/key_rotation.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "oauth/audit.hpp"
#include "oauth/keys/rotation_plan.hpp"
#include "oauth/keys/sealed_key.hpp"

namespace authly::oauth::keys {
namespace {

using store::KeyState;

void audit(store::Store& store, core::TimePoint now, std::string type, const std::string& actor, const std::string& kid,
           const boost::json::object& detail) {
  oauth::audit(store, now, std::move(type), actor, kid, "", detail);
}

std::string alg_name(jose::Algorithm alg) { return std::string(jose::to_string(alg)); }

// One step as one compare-and-set (or insert/delete). False when another instance got there first.
bool apply(store::Store& store, std::string_view master_key, core::Random& rng, core::TimePoint now,
           const KeyManagerOptions& options, const KeyStep& step) {
  auto& keys = store.keys();
  const std::string alg = alg_name(step.alg);
  switch (step.kind) {
    case KeyStep::Kind::stage: {
      // RFC 7638 thumbprint as kid (empty kid to generate()).
      const auto row = seal_signing_key(jose::SigningKey::generate(step.alg), master_key, rng, now);
      keys.create(row);
      audit(store, now, "key.rotated", "system", row.kid,
            {{"alg", alg}, {"automatic", true}, {"signs_from", core::to_unix(now + options.publish_lead)}});
      return true;
    }
    case KeyStep::Kind::retire:
      if (!keys.transition(step.kid, KeyState::active, KeyState::retired, now, step.remove_after)) return false;
      audit(store, now, "key.retired", "system", step.kid,
            {{"alg", alg}, {"remove_after", core::to_unix(step.remove_after)}});
      return true;
    case KeyStep::Kind::promote:
      if (!keys.transition(step.kid, KeyState::next, KeyState::active, now, std::nullopt)) return false;
      audit(store, now, "key.activated", "system", step.kid, {{"alg", alg}});
      return true;
    case KeyStep::Kind::discard:
      return keys.transition(step.kid, KeyState::next, KeyState::retired, now, step.remove_after);
    case KeyStep::Kind::remove:
      if (!keys.remove(step.kid)) return false;
      audit(store, now, "key.removed", "system", step.kid, {{"alg", alg}});
      return true;
  }
  return false;
}

}  // namespace

std::vector<store::SigningKey> run_rotation(store::Store& store, std::string_view master_key, core::Random& rng,
                                            const core::Clock& clock, const KeyManagerOptions& options) {
  // Each round either empties the plan or moves the table forward; a handful of rounds covers a
  // discard followed by a promotion followed by a removal, and bounds a pathological race.
  for (int round = 0; round < 6; ++round) {
    const auto now = clock.now();
    auto rows = store.keys().list();
    const auto steps = plan_rotation(rows, now, options);
    if (steps.empty()) return rows;
    for (const auto& step : steps)
      if (!apply(store, master_key, rng, now, options, step)) break;  // lost a race: read again
  }
  return store.keys().list();
}

RotationReport stage_rotation(store::Store& store, std::string_view master_key, core::Random& rng, core::TimePoint now,
                              const KeyManagerOptions& options, jose::Algorithm alg, const std::string& actor) {
  if (alg == jose::Algorithm::HS256)
    throw std::invalid_argument("signing keys: HS256 is symmetric and cannot be published; use an asymmetric alg");
  const std::string name = alg_name(alg);
  const store::SigningKey* next = nullptr;
  const store::SigningKey* active = nullptr;
  const auto rows = store.keys().list();  // oldest first: the first match is what every instance picks
  for (const auto& row : rows) {
    if (row.alg != name) continue;
    if (row.state == KeyState::next && !next) next = &row;
    if (row.state == KeyState::active && !active) active = &row;
  }

  // A key sealed under another master key than the servers' would break signing the moment it
  // is promoted: refuse unless this master key opens a key the servers already use.
  const auto in_use = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r.state == KeyState::active; });
  if (in_use != rows.end()) open_signing_key(*in_use, master_key);

  RotationReport report;
  report.alg = alg;
  if (active) report.replaces = active->kid;
  if (next) {
    report.kid = next->kid;
    report.created_at = next->created_at;
  } else {
    const auto row = seal_signing_key(jose::SigningKey::generate(alg), master_key, rng, now);
    store.keys().create(row);
    report.kid = row.kid;
    report.created_at = row.created_at;
    report.created = true;
  }
  // Without an active key the first signing request promotes it at once (nothing can have signed
  // with this algorithm, so no verifier depends on a cached JWKS).
  report.signs_from = active ? report.created_at + options.publish_lead : now;
  if (report.created)
    audit(store, now, "key.rotated", actor, report.kid,
          {{"alg", name}, {"automatic", false}, {"signs_from", core::to_unix(report.signs_from)}});
  return report;
}

}  // namespace authly::oauth::keys
