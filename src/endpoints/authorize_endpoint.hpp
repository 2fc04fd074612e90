#pragma once
// GET and POST /oauth/authorize (OAuth 2.1 §4.1.1: the request may also come as a form body).
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// Validates the request (oauth/authorize), then continues with the caller's browser session:
// the login page, the consent page, or straight to the code when both are settled (SSO).
http::Response authorize(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
