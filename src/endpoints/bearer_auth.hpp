#pragma once
// Bearer-token access to the administrative API (RFC 6750 §2.1 header form only): the token is a
// Authly RFC 9068 access token, verified against the published keys and the deny-list, and must
// carry an administrative scope.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "oauth/access_token.hpp"
#include "oauth/error.hpp"

namespace authly::endpoints {

inline constexpr std::string_view kAdminReadScope = "authly:admin:read";
inline constexpr std::string_view kAdminWriteScope = "authly:admin:write";

enum class AdminAccess { read, write };

// The credentials of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1);
// nullopt when there is no Authorization header or it uses another scheme. invalid_request when
// the header is repeated.
core::Result<std::optional<std::string>, oauth::OAuthError> bearer_token(const http::Request& req);

// Whether the space-separated `scope` contains `name`.
bool has_scope(std::string_view scope, std::string_view name);

// Verifies `token` and its scope: write needs authly:admin:write, read either admin scope. A token
// issued to a user also needs that user to still exist, be active (else invalid_token) and be an
// administrator (else insufficient_scope). Errors: invalid_token (401), insufficient_scope (403).
core::Result<oauth::AccessTokenClaims, oauth::OAuthError> verify_admin_token(std::string_view token,
                                                                             EndpointContext& ctx, AdminAccess need,
                                                                             core::TimePoint now);

// bearer_token() + verify_admin_token(); a missing token is invalid_token.
core::Result<oauth::AccessTokenClaims, oauth::OAuthError> authenticate_admin(const http::Request& req,
                                                                             EndpointContext& ctx, AdminAccess need,
                                                                             core::TimePoint now);

}  // namespace authly::endpoints
