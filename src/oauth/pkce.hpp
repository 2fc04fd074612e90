#pragma once
// PKCE (RFC 7636), both halves: the code_challenge an authorization request must carry
// (oauth/authorize/check_pkce.cpp) and the code_verifier the token request must match
// (grants/authorization_code_grant.cpp). Challenge and verifier alike are 43-128 characters of
// [A-Za-z0-9-._~] (§4.1, §4.2); BASE64URL(SHA256(verifier)) must equal the stored S256 challenge
// (§4.6).
#include <string_view>

#include "core/result.hpp"
#include "oauth/error.hpp"

namespace authly::oauth {

bool is_code_verifier(std::string_view verifier) noexcept;
// The same syntax, for code_challenge (§4.2: BASE64URL of a SHA-256 is 43 characters of it).
bool is_code_challenge(std::string_view challenge) noexcept;

// `verifier_sent`: whether the token request carried code_verifier. A code without a challenge
// accepts no verifier (OAuth 2.1 §4.1.3: PKCE downgrade protection); a code with one requires it.
// Every failure is invalid_grant. Compared in constant time.
core::Result<core::Ok, OAuthError> check_code_verifier(std::string_view challenge, std::string_view method,
                                                       bool verifier_sent, std::string_view verifier);

}  // namespace authly::oauth
