#pragma once
// POST /auth/logout: ends the caller's browser session.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// Only for requests from Authly's own origin (http/same_origin.hpp: Sec-Fetch-Site same-origin or
// none, or an Origin equal to the issuer's): anything else is 403 and changes nothing, since the
// session cookie alone would let another site, or a sibling subdomain under SameSite=Lax, sign the
// user out and end their tokens. Then, with an `authly_session` cookie naming a live session: ends
// it through oidc::end_session (its refresh tokens are revoked and back-channel logout tokens
// queued for its clients), and clears the cookie. Answers the logged-out page to browsers
// (Accept: text/html) and 204 otherwise.
http::Response logout(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
