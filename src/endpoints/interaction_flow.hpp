#pragma once
// The authorization flow shared by the authorize, login and consent endpoints: decide the next
// step (oauth/authorize/interaction_policy), keep the request server-side as an interaction while
// the user logs in or consents, and finish with a code or an error sent to the client.
//
// An interaction is bound to the browser that started it: the opaque id travels in the
// `authly_interaction` cookie (HttpOnly, SameSite=Lax) and in a hidden form field, and every form
// also carries a CSRF token; only SHA-256 hashes of both are stored.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/authorize/interaction.hpp"
#include "oauth/error.hpp"
#include "store/models.hpp"

namespace authly::endpoints {

inline constexpr std::string_view kInteractionCookie = "authly_interaction";

// The interaction secrets as the browser holds them.
struct InteractionHandle {
  std::string id;
  std::string csrf;
};

struct Flow {
  oauth::authorize::AuthorizationRequest request;
  store::Client client;
  std::optional<InteractionHandle> handle;  // set when continuing an interaction
  std::optional<store::Session> session;    // the browser's live session, if any
  bool fresh_login = false;                 // the user authenticated in this request
  std::vector<std::string> set_cookies;     // extra Set-Cookie values (a new session)
  // Re-rendering the login page after a failed attempt:
  int login_status = 200;
  std::string login_error;
  std::string typed_username;
};

// Decides and performs the next step: the login page, the consent page, or the authorization
// response (code, or a redirectable error such as login_required for prompt=none).
http::Response advance(EndpointContext& ctx, const http::Request& req, Flow& flow, core::TimePoint now);

// Creates the code for `session` and answers the client (RFC 6749 §4.1.2 + RFC 9207 iss).
// Completes (deletes) the interaction first when there is one: a second submission loses.
http::Response finish_with_code(EndpointContext& ctx, const http::Request& req, Flow& flow, core::TimePoint now);

// Sends `error` to the client's redirect URI and drops the interaction, if any.
http::Response finish_with_error(EndpointContext& ctx, const http::Request& req, Flow& flow,
                                 const oauth::OAuthError& error);

// The interaction a login or consent form refers to: the `interaction` field must equal the
// cookie, name a live interaction, and `csrf` must match its token (constant-time). Anything else
// is an error page, and nothing is changed.
struct LoadedInteraction {
  store::Interaction row;
  Flow flow;
};
core::Result<LoadedInteraction, http::Response> load_interaction(EndpointContext& ctx, const http::Request& req,
                                                                 const http::FormParams& form, core::TimePoint now);

// The interaction id from the cookie, if any.
std::optional<std::string> interaction_cookie(const http::Request& req);

}  // namespace authly::endpoints
