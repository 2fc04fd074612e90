#pragma once
// Internal to jose/: conversions between JWK members (RFC 7517/7518 §6, RFC 8037 §2) and EVP_PKEY.
#include <openssl/types.h>

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "jose/algorithm.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/openssl_util.hpp"

namespace authly::jose::detail {

// RSA, EC on P-256 or Ed25519; nullopt for any other key (other curves, DSA, X25519, ...).
std::optional<KeyType> classify(const EVP_PKEY* pkey);
// weak_key for RSA moduli below 2048 bits (NIST SP 800-131A; RFC 7518 §3.3 requires at least 2048).
Result<core::Ok> check_strength(const EVP_PKEY* pkey, KeyType type);

// "kty": RSA, EC or OKP. oct is not accepted here: shared secrets never travel as JWKs in Authly.
Result<KeyType> parse_kty(const boost::json::object& jwk);
// Optional "alg"; unsupported_algorithm when present but unknown, algorithm_mismatch when unfit for kty.
Result<std::optional<Algorithm>> parse_alg(const boost::json::object& jwk, KeyType type);

// Builds the key from its members. with_private also reads the private members and checks that they
// match the public ones, so a JWK cannot pair someone's public key with another private key.
Result<PkeyPtr> pkey_from_jwk(const boost::json::object& jwk, KeyType type, bool with_private);

// The members RFC 7638 §3.2 requires for the thumbprint, in lexicographic order, e.g. e, kty, n.
boost::json::object required_members(const EVP_PKEY* pkey, KeyType type);
// RFC 7638 §3: base64url(SHA-256(JSON of the required members, no whitespace, sorted)).
std::string thumbprint(const boost::json::object& required);

}  // namespace authly::jose::detail
