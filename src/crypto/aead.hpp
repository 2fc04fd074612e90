#pragma once
// AES-256-GCM sealing for data at rest (signing keys under the master key). Output layout:
// 12-byte random nonce || ciphertext || 16-byte tag. `aad` binds the ciphertext to its context
// (for example the key id), so a sealed blob cannot be moved to another row.
#include <optional>
#include <string>
#include <string_view>

#include "core/random.hpp"

namespace authly::crypto {

// key must be 32 bytes; throws std::invalid_argument otherwise.
std::string aead_seal(std::string_view key, std::string_view plaintext, std::string_view aad, core::Random& rng);
// nullopt when the tag does not verify (wrong key, wrong aad, tampered data).
std::optional<std::string> aead_open(std::string_view key, std::string_view sealed, std::string_view aad);

}  // namespace authly::crypto
