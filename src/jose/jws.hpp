#pragma once
// JWS Compact Serialization (RFC 7515 §7.1): signing with a pinned key and strict verification.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"

namespace authly::jose {

// Protected header members beyond "alg" and "kid", which always come from the key.
struct HeaderParams {
  std::string typ;                 // e.g. "at+jwt" (RFC 9068 §2.1), "JWT", "logout+jwt"; omitted when empty
  boost::json::object extra = {};  // further members; setting alg, kid, typ or crit here is a programming error
};

struct VerifiedJws {
  Algorithm alg;
  boost::json::object header;  // the decoded JWS Protected Header
  std::string payload;         // the decoded JWS Payload octets
};

// Largest compact JWS accepted by verify(); bigger inputs are malformed before any decoding.
inline constexpr std::size_t kMaxCompactJwsBytes = 64 * 1024;

// header.payload.signature with header {"alg":<key alg>,"kid":<key kid, if any>,"typ":...,extra...}.
// Throws std::invalid_argument if `header.extra` tries to set alg, kid, typ or crit.
std::string sign(const SigningKey& key, const HeaderParams& header, std::string_view payload);
std::string sign(const SigningKey& key, std::string_view payload);
// Signs exactly the given header octets (test vectors, interop). The header must be a JSON object whose
// "alg" is the key's algorithm; throws std::invalid_argument otherwise.
std::string sign_with_protected_header(const SigningKey& key, std::string_view header_json, std::string_view payload);

// Verifies a compact JWS against a key set: exactly three strict base64url parts (no padding, canonical
// bits), a JSON object header, "alg" one we implement ("none" never is) and within `allowed`, no "crit"
// (we implement no extensions, RFC 7515 §4.1.11), a key found by "kid" and pinned to that alg, and a
// valid signature. Any failure is an Error; the payload is returned only after the signature verified.
Result<VerifiedJws> verify(std::string_view token, const JwkSet& keys, AlgorithmSet allowed);
// Same with one key: a header kid must match the key's kid when both are present.
Result<VerifiedJws> verify(std::string_view token, const Jwk& key, AlgorithmSet allowed);

// The protected header of a compact JWS, NOT verified: only for choosing a key set (e.g. by kid or
// "iss") before calling verify(). Never trust its contents.
Result<boost::json::object> decode_header_unverified(std::string_view token);

}  // namespace authly::jose
