#pragma once
// Bearer-token access to the administrative API (RFC 6750 §2.1 header form only). The rule of who
// may administer is oauth::verify_admin_token (oauth/admin_access.hpp); this file reads the header.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "oauth/admin_access.hpp"
#include "oauth/error.hpp"

namespace authly::endpoints {

// The credentials of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1);
// nullopt when there is no Authorization header or it uses another scheme. invalid_request when
// the header is repeated.
core::Result<std::optional<std::string>, oauth::OAuthError> bearer_token(const http::Request& req);

// bearer_token() + oauth::verify_admin_token(); a missing token is invalid_token.
core::Result<oauth::AccessTokenClaims, oauth::OAuthError> authenticate_admin(const http::Request& req,
                                                                             EndpointContext& ctx,
                                                                             oauth::AdminAccess need,
                                                                             core::TimePoint now);

}  // namespace authly::endpoints
