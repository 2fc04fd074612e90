#pragma once
// GET/POST /oidc/userinfo (OIDC Core §5.3) as a plain handler; register_userinfo_routes()
// (oidc_routes.hpp) mounts it on the blocking pool. Exposed for tests.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/access_token.hpp"
#include "oauth/error.hpp"

namespace authly::endpoints {

// The access token carries the claims parameter's userinfo names (oauth/access_token.hpp).
using oauth::kUserinfoClaimsClaim;

// RFC 6750 §2: the bearer token from the Authorization header (§2.1) or, for a POST with an
// application/x-www-form-urlencoded body, the body's access_token (§2.2). nullopt when neither
// carries one. invalid_request when both do, when access_token is repeated, or when the query
// string carries access_token (§2.3 is not supported: URLs end up in logs and Referer headers).
core::Result<std::optional<std::string>, oauth::OAuthError> userinfo_bearer_token(const http::Request& req);

// The handler. 200: JSON with `sub` (the client's subject, OIDC Core §8) and the user's claims for
// the token's scopes plus its kUserinfoClaimsClaim names; for a client with a
// userinfo_signed_response_alg, those claims plus iss and aud (the client_id) as an application/jwt
// JWS signed with the active key of that algorithm (§5.3.2). 401 with `WWW-Authenticate: Bearer
// realm="authly"` and no error when there is no token (RFC 6750 §3.1); 401 invalid_token for a
// token that is invalid, expired, revoked, not for this issuer, not issued to a user (client
// credentials), or whose user or client is gone or disabled; 403 insufficient_scope (scope="openid")
// without the openid scope; 400 invalid_request per userinfo_bearer_token(). Always Cache-Control:
// no-store. The route adds the CORS headers and answers OPTIONS, the preflight a browser sends
// before a request with Authorization (endpoints/cors.hpp).
http::Response handle_userinfo(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
