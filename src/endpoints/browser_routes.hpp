#pragma once
// The browser side of the authorization server: authorization endpoint, login and consent pages,
// logout, stylesheet. `ctx` must outlive the router.
#include "endpoints/context.hpp"
#include "http/router.hpp"

namespace authly::endpoints {

// GET/POST /oauth/authorize, GET/POST /auth/login, POST /oauth/consent, POST /auth/logout (all on
// the blocking pool: SQL, argon2id) and GET /static/authly.css (inline).
void register_browser_routes(http::Router& router, EndpointContext& ctx);

}  // namespace authly::endpoints
