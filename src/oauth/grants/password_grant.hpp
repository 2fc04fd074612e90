#pragma once
// Resource-owner password credentials grant (RFC 6749 §4.3; dropped by OAuth 2.1, so off unless
// the server enables it AND the client is registered for it). Passwords are checked exactly like
// the login page (oauth/password_login.hpp): the same per-IP rate and per-account lockout.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct PasswordRequest {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> scope;
};

core::Result<TokenResponse, OAuthError> password_grant(GrantContext& ctx, const store::Client& client,
                                                       const PasswordRequest& request);

}  // namespace authly::oauth
