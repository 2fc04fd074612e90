#pragma once
// JOSE failures are values (DESIGN.md §6): a closed code a caller can branch on, and a message for
// logs only. OpenSSL or allocation failures are infrastructure failures and throw instead.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace authly::jose {

enum class ErrorCode {
  malformed,                    // not a compact JWS, bad base64url, bad JSON, wrong member types
  unsupported_algorithm,        // "alg" unknown to us, including "none"
  algorithm_not_allowed,        // "alg" outside the caller's allow-list
  algorithm_mismatch,           // the key is pinned to another algorithm (no RS256/HS256 confusion)
  key_not_found,                // no key with that kid, or no single candidate key
  unsupported_critical_header,  // "crit" names an extension we do not implement (RFC 7515 §4.1.11)
  invalid_signature,            // signature does not verify, or has the wrong length
  unsupported_key,              // kty, crv or use we do not handle
  invalid_key,                  // inconsistent or off-curve key material
  weak_key,                     // RSA below 2048 bits, HMAC secret below 256 bits
  expired,                      // JWT "exp" passed (RFC 7519 §4.1.4)
  not_yet_valid,                // JWT "nbf" or "iat" in the future (RFC 7519 §4.1.5, §4.1.6)
  wrong_issuer,                 // JWT "iss" is not the expected issuer
  wrong_audience,               // JWT "aud" does not contain the expected audience
};

std::string_view to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code;
  std::string message;  // log-only detail; never shown to a client as-is
};

template <class T>
using Result = core::Result<T, Error>;

inline core::Unexpected<Error> fail(ErrorCode code, std::string message) {
  return core::fail(Error{code, std::move(message)});
}

}  // namespace authly::jose
