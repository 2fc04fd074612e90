#pragma once
// The server's signing keys (DESIGN.md §4): stored in the database with the private half sealed
// under the master key (AES-256-GCM, aad = kid); states next -> active -> retired; a key is
// published in JWKS before it signs and stays published until the last token it signed expired.
// Implementations cache keys in-process and reload from the store so instances sharing one
// database agree.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"
#include "store/store.hpp"

namespace authly::config {
struct Config;
}

namespace authly::oauth {

// What a requested rotation staged (`authly keys rotate`).
struct RotationReport {
  std::string kid;  // the `next` key: published now, signing from signs_from
  jose::Algorithm alg = jose::Algorithm::ES256;
  bool created = false;  // false: a `next` key was staged already and is reported instead
  core::TimePoint created_at{};
  // When the servers promote it: created_at + the publish lead. Without an active key of this
  // algorithm (replaces empty) it is promoted by the first signing request instead.
  core::TimePoint signs_from{};
  std::optional<std::string> replaces;  // the active key, which keeps signing until then
};

class SigningKeys {
 public:
  virtual ~SigningKeys() = default;
  // The active key for `alg`, generating, storing and activating one on first use. Thread-safe.
  virtual std::shared_ptr<const jose::SigningKey> active(jose::Algorithm alg) = 0;
  // Every published public key (next, active, retired-but-not-removed), for verification.
  virtual std::shared_ptr<const jose::JwkSet> published() = 0;
  // The JWKS document (RFC 7517 §5) served at /oidc/jwks, and a strong ETag for it.
  virtual std::string jwks_json() = 0;
  virtual std::string jwks_etag() = 0;
  // Stages a new `next` key of `alg` (published at once, signing only after the publish lead; see
  // docs/key-rotation.md), or reports the one already staged. The default (key sets without a
  // store) throws std::logic_error; HS256 throws std::invalid_argument.
  virtual RotationReport rotate(jose::Algorithm alg, const std::string& actor);
  // Runs the rotation state machine once (next -> active after the publish lead, retired keys
  // removed after their retention, a next key staged when automatic rotation is due) and installs
  // the key table it leaves. The application's maintenance scheduler calls it every
  // keys.reload_interval_s; request threads only read the table. The default does nothing.
  virtual void maintain();
  // Calls `listener` with the new JWKS document each time the published key set changes in this
  // process (a reload that sees a rotation, a staged key, a removal), so pre-serialized copies are
  // replaced at once. The listener runs on the reloading thread under the key set's lock: it must
  // be quick and must not call back into this object. The default (key sets that never change)
  // ignores it.
  virtual void on_published_change(std::function<void(const std::string& jwks_json)> listener);
};

// The database-backed implementation. `master_key` is 32 bytes. A request re-reads the key table
// when its copy is keys.reload_interval_s old (a read, no write); maintain() moves keys along:
// next keys are promoted after the publish lead, retired keys removed after their retention, and,
// when automatic rotation is on, a next key is staged once the active key is rotation_period old.
// The one write a request may still make is the first key of an algorithm nobody has used yet
// (bootstrap creates the configured ones before the server listens).
// This overload: built from config.keys and the token lifetimes (keys::options_from).
std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock, const config::Config& config);
// Defaults of keys::KeyManagerOptions: automatic rotation off, 60 s reload, 1 h publish lead.
std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock);

}  // namespace authly::oauth
