#pragma once
// GET/POST /oidc/logout: OpenID Connect RP-Initiated Logout 1.0.
//
//   id_token_hint             verified (published keys, iss; exp NOT enforced, §4); forged -> 400 page
//   client_id                 with a hint it must be one of the hint's audiences (§2)
//   post_logout_redirect_uri  needs a client (hint or client_id) and must EXACTLY equal one that client
//                             registered (§3); otherwise a 400 page and never a redirect
//   state                     echoed on the redirect
//   logout_hint, ui_locales   accepted and ignored
//
// A hint naming the browser's current session (same sub for that client, same sid when it has one)
// ends the session at once. Otherwise, when the browser has a session, the user is asked: a
// confirmation page whose form (CSRF token bound to the session cookie, hidden fields re-validated)
// POSTs back here; "Sign out" ends the session, "Stay signed in" ends nothing. Ending a session
// goes through oidc::end_session (refresh tokens revoked, back-channel logout tokens queued) and
// clears the cookie. Afterwards, and also when there was no session at all, the browser goes to the
// post_logout_redirect_uri (303, with state) or sees the signed-out page.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oidc/session_end.hpp"

namespace authly::endpoints {

http::Response end_session_request(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
