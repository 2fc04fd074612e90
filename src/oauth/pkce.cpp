#include "oauth/pkce.hpp"

#include <algorithm>

#include "core/base64url.hpp"
#include "core/constant_time.hpp"
#include "crypto/hash.hpp"

namespace authly::oauth {
namespace {

OAuthError invalid_grant(std::string detail) {
  return make_error(ErrorCode::invalid_grant, "PKCE verification failed", std::move(detail));
}

// 43-128 unreserved characters (RFC 7636 §4.1, §4.2; RFC 3986 §2.3).
bool is_pkce_string(std::string_view v) noexcept {
  if (v.size() < 43 || v.size() > 128) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
  });
}

}  // namespace

bool is_code_verifier(std::string_view verifier) noexcept { return is_pkce_string(verifier); }

bool is_code_challenge(std::string_view challenge) noexcept { return is_pkce_string(challenge); }

core::Result<core::Ok, OAuthError> check_code_verifier(std::string_view challenge, std::string_view method,
                                                       bool verifier_sent, std::string_view verifier) {
  if (challenge.empty()) {
    if (verifier_sent) return core::fail(invalid_grant("code_verifier sent for a code without code_challenge"));
    return core::Ok{};
  }
  if (!verifier_sent) return core::fail(invalid_grant("code_verifier missing"));
  if (method != "S256") return core::fail(invalid_grant("code_challenge_method is not S256"));
  if (!is_code_verifier(verifier)) return core::fail(invalid_grant("malformed code_verifier"));
  if (!core::constant_time_equals(core::base64url_encode(crypto::sha256(verifier)), challenge))
    return core::fail(invalid_grant("code_verifier does not match code_challenge"));
  return core::Ok{};
}

}  // namespace authly::oauth
