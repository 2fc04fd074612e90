#pragma once
// Internal to jose/: the raw JWS signature primitives over the JWS Signing Input (RFC 7515 §5.1).
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/jwk.hpp"
#include "jose/signing_key.hpp"

namespace authly::jose::detail {

// The JWS Signature octets for key.algorithm(): PKCS#1 v1.5 / PSS / raw R||S / Ed25519 / HMAC.
// Throws std::runtime_error if OpenSSL fails.
std::string sign_bytes(const SigningKey& key, std::string_view signing_input);

// True only for a valid signature by `key` under `alg`. The caller has already checked key.accepts(alg).
bool verify_bytes(const Jwk& key, Algorithm alg, std::string_view signing_input, std::string_view signature);

}  // namespace authly::jose::detail
