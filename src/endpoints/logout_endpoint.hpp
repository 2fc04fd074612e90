#pragma once
// POST /auth/logout: ends the caller's browser session.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// With an `authly_session` cookie naming a live session: ends it through oidc::end_session (its
// refresh tokens are revoked and back-channel logout tokens queued for its clients). Always clears the cookie. Answers
// the logged-out page to browsers (Accept: text/html) and 204 otherwise. Needs no CSRF token: the cookie is
// SameSite=Lax, so a cross-site form cannot send it, and logging out is all a forged request could do.
http::Response logout(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
