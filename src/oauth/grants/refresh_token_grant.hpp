#pragma once
// refresh_token grant (RFC 6749 §6, OAuth 2.1 §4.3, RFC 9700 §4.14.2). Refresh tokens rotate: each
// use atomically retires the presented token and issues its successor in the same family, which
// keeps the family's absolute expiry and renews the idle one. Presenting a retired token again is
// reuse: the whole family and its access tokens are revoked (committed) and the request fails.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct RefreshTokenRequest {
  std::string refresh_token;
  std::optional<std::string> scope;  // may only narrow the original grant (§6)
};

core::Result<TokenResponse, OAuthError> refresh_token_grant(GrantContext& ctx, const store::Client& client,
                                                            const RefreshTokenRequest& request);

}  // namespace authly::oauth
