#include "oauth/authorize/checks.hpp"
#include "oauth/client_grants.hpp"

namespace authly::oauth::authorize {

// RFC 6749 §4.1.2.1 unauthorized_client: the client may not obtain a code with this method.
std::optional<OAuthError> check_grant_allowed(const CheckInput& in, AuthorizationRequest&) {
  if (!client_allows(in.client, "authorization_code"))
    return redirect_error(ErrorCode::unauthorized_client, "client is not allowed the authorization_code grant");
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
