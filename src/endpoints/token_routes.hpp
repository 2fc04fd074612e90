#pragma once
// Mounts the token-side endpoints over ctx.use.tokens (oauth/token_request.hpp):
//   POST /auth/token       RFC 6749 §3.2: authorization_code, refresh_token, client_credentials,
//                          password (when oauth.password_grant and the client allow it)
//   POST /auth/refresh     the refresh_token grant only (the seed's alias)
//   POST /auth/revoke      RFC 7009
//   POST /auth/introspect  RFC 7662
// `ctx` must outlive the router.
#include "endpoints/context.hpp"
#include "http/router.hpp"

namespace authly::endpoints {

void register_token_routes(http::Router& router, EndpointContext& ctx);

}  // namespace authly::endpoints
