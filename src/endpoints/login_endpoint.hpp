#pragma once
// GET and POST /auth/login: the password form of an interaction.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// GET: shows the login form again for the browser's interaction (from its cookie), with a fresh
// CSRF token.
http::Response login_form(EndpointContext& ctx, http::Request& req);

// POST (username, password, interaction, csrf): checks the interaction and CSRF token, then the
// password through oauth::check_password_login (per-IP limit, lockout, equal timing). Failure
// re-renders the form with one generic message (400 missing fields, 401 wrong credentials, 429
// limits); success starts a browser session and continues to consent or the code.
http::Response login_submit(EndpointContext& ctx, http::Request& req);

}  // namespace authly::endpoints
