#pragma once
// POST /oauth/consent: the Allow/Deny form of an interaction.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// decision=allow records the grant for (user, client), adding the requested scopes and the
// claims the claims parameter names to any earlier grant, and sends the code; decision=deny sends
// access_denied (RFC 6749 §4.1.2.1). The interaction, its CSRF token and the browser session of the
// user who logged in are required.
http::Response consent_submit(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
