#pragma once
// The OpenID Connect endpoints: GET/POST /oidc/userinfo (OIDC Core §5.3) and GET/POST /oidc/logout
// (RP-Initiated Logout 1.0), all on the blocking pool. `ctx` must outlive the router.
#include "endpoints/context.hpp"
#include "http/router.hpp"

namespace authly::endpoints {

void register_oidc_routes(http::Router& router, EndpointContext& ctx);

// Each part, for tests that mount one (defined in userinfo_endpoint.cpp and end_session_endpoint.cpp).
void register_userinfo_routes(http::Router& router, EndpointContext& ctx);
void register_end_session_routes(http::Router& router, EndpointContext& ctx);

}  // namespace authly::endpoints
