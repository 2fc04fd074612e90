#pragma once
// Who may use Authly's administrative API: the caller presents an Authly access token (RFC 9068),
// verified against the published keys and the deny-list, that carries an administrative scope. A
// token issued to a user is worth only what that user still is: the user must exist, be active
// and be an administrator.
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "oauth/access_token.hpp"
#include "oauth/error.hpp"
#include "oauth/signing_keys.hpp"
#include "store/store.hpp"

namespace authly::oauth {

inline constexpr std::string_view kAdminReadScope = "authly:admin:read";
inline constexpr std::string_view kAdminWriteScope = "authly:admin:write";

enum class AdminAccess { read, write };

struct AdminAccessDeps {
  store::Store& store;
  SigningKeys& keys;
  std::string_view issuer;
  std::string_view pairwise_key;  // opens the sealed user of user tokens (token_user.hpp)
};

// Verifies `token` and its scope: write needs authly:admin:write, read either admin scope.
// Errors: invalid_token (401: bad token, or its user gone or disabled), insufficient_scope (403:
// no admin scope, or a user who is not an administrator).
core::Result<AccessTokenClaims, OAuthError> verify_admin_token(const AdminAccessDeps& deps, std::string_view token,
                                                               AdminAccess need, core::TimePoint now);

}  // namespace authly::oauth
