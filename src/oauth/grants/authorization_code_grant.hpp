#pragma once
// authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6, OAuth 2.1 §4.1.3). The code is consumed
// atomically; presenting a consumed code again is a replay: the request fails with invalid_grant
// and everything the first exchange issued (refresh family and access tokens) is revoked, and that
// revocation is committed although the request fails (RFC 6749 §4.1.2, RFC 9700 §4.5).
#include <optional>
#include <string>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct AuthorizationCodeRequest {
  std::string code;
  std::optional<std::string> redirect_uri;
  std::optional<std::string> code_verifier;
};

core::Result<TokenResponse, OAuthError> authorization_code_grant(GrantContext& ctx, const store::Client& client,
                                                                 const AuthorizationCodeRequest& request);

}  // namespace authly::oauth
