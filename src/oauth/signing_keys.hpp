#pragma once
// The server's signing keys (DESIGN.md §4): stored in the database with the private half sealed
// under the master key (AES-256-GCM, aad = kid); states next -> active -> retired; a key is
// published in JWKS before it signs and stays published until the last token it signed expired.
// Implementations cache keys in-process and reload from the store so instances sharing one
// database agree.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"
#include "store/store.hpp"

namespace authly::oauth {

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
};

// The database-backed implementation. `master_key` is 32 bytes.
std::unique_ptr<SigningKeys> make_signing_keys(store::Store& store, std::string master_key, core::Random& rng,
                                               const core::Clock& clock);

}  // namespace authly::oauth
