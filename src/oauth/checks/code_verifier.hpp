#pragma once
// PKCE at the token endpoint (RFC 7636 §4.1, §4.6): the code_verifier must be 43-128 characters of
// [A-Za-z0-9-._~] and BASE64URL(SHA256(verifier)) must equal the stored S256 challenge.
#include <string_view>

#include "core/result.hpp"
#include "oauth/error.hpp"

namespace authly::oauth {

bool is_code_verifier(std::string_view verifier) noexcept;

// `verifier_sent`: whether the token request carried code_verifier. A code without a challenge
// accepts no verifier (OAuth 2.1 §4.1.3: PKCE downgrade protection); a code with one requires it.
// Every failure is invalid_grant. Compared in constant time.
core::Result<core::Ok, OAuthError> check_code_verifier(std::string_view challenge, std::string_view method,
                                                       bool verifier_sent, std::string_view verifier);

}  // namespace authly::oauth
