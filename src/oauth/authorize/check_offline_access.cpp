#include <algorithm>

#include "oauth/authorize/checks.hpp"
#include "oauth/client_grants.hpp"

namespace authly::oauth::authorize {

// OIDC Core §11: offline_access asks for a refresh token that works while the user is away. The
// server "MUST ignore the offline_access request unless the Client is using a response_type value
// that would result in an Authorization Code being returned" and must ensure prompt contains
// consent; a refresh token is also useless to a client that may not use the refresh_token grant.
// Ignoring means dropping the scope silently (no error), so the code and tokens never carry it.
// §11 governs OpenID requests; in a plain OAuth request (no `openid`, where prompt is not part of
// the protocol) offline_access is an ordinary scope, shown on the consent page like any other.
std::optional<OAuthError> check_offline_access(const CheckInput& in, AuthorizationRequest& out) {
  const bool may_refresh = client_allows(in.client, "refresh_token");
  const bool openid = std::find(out.scopes.begin(), out.scopes.end(), "openid") != out.scopes.end();
  if (may_refresh && (out.prompt.consent || !openid)) return std::nullopt;
  std::erase(out.scopes, "offline_access");
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
