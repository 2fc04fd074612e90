#pragma once
// client_credentials grant (RFC 6749 §4.4): confidential clients only, scope within the client's
// registered scopes, no refresh token (§4.4.3), sub = client_id (RFC 9068 §2.2).
#include <optional>
#include <string>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct ClientCredentialsRequest {
  std::optional<std::string> scope;  // absent: the client's registered scopes, else the default scopes
};

core::Result<TokenResponse, OAuthError> client_credentials_grant(GrantContext& ctx, const store::Client& client,
                                                                 const ClientCredentialsRequest& request);

}  // namespace authly::oauth
