#pragma once
// Signing keys at rest (DESIGN.md §4): the private PEM sealed with AES-256-GCM under the master key,
// bound to the key's kid as associated data so a sealed blob cannot be moved to another row.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "jose/signing_key.hpp"
#include "store/models.hpp"

namespace authly::oauth::keys {

// A store row in state `next` for `key`: public JWK in clear, private PEM sealed (base64url).
store::SigningKey seal_signing_key(const jose::SigningKey& key, std::string_view master_key, core::Random& rng,
                                   core::TimePoint now);

// The private key of a stored row. Throws std::runtime_error naming the kid (never key material)
// when the blob does not open under `master_key` or does not hold a key for the row's algorithm.
jose::SigningKey open_signing_key(const store::SigningKey& row, std::string_view master_key);

}  // namespace authly::oauth::keys
