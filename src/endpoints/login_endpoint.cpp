#include "endpoints/login_endpoint.hpp"

#include "crypto/hash.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "endpoints/interaction_flow.hpp"
#include "endpoints/metrics_endpoint.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/password_login.hpp"

namespace authly::endpoints {
namespace {

constexpr const char* kInvalidCredentials = "The username or password is incorrect.";
constexpr const char* kTooManyAttempts = "Too many sign-in attempts. Wait a few minutes and try again.";
constexpr const char* kMissingFields = "Enter your username and password.";
constexpr const char* kBusy = "The server is busy. Try again in a moment.";

http::Response form_error(EndpointContext& ctx, const http::Request& req, Flow& flow, int status, std::string message,
                          std::string username, core::TimePoint now) {
  flow.login_status = status;
  flow.login_error = std::move(message);
  flow.typed_username = std::move(username);
  flow.session.reset();  // the form is shown again whatever session the browser has
  return advance(ctx, req, flow, now);
}

}  // namespace

http::Response login_form(EndpointContext& ctx, http::Request& req) {
  const auto now = ctx.clock.now();
  const auto id = interaction_cookie(req);
  auto pending = id ? oauth::authorize::find_interaction(ctx.use.interactions, *id, now) : std::nullopt;
  if (!pending)
    return error_page(400, "There is no sign-in in progress. Return to the application and start again.",
                      "invalid_request");
  // Only the token's hash is stored, so showing the form again means issuing a new token.
  InteractionHandle handle{*id, oauth::authorize::renew_interaction_csrf(ctx.use.interactions, *id, now)};
  Flow flow;
  flow.request = std::move(pending->request);
  flow.client = std::move(pending->client);
  flow.handle = std::move(handle);
  return advance(ctx, req, flow, now);
}

http::Response login_submit(EndpointContext& ctx, http::Request& req) {
  const auto now = ctx.clock.now();
  auto form = http::FormParams::parse(req.body);
  if (!form) return error_page(400, "The form is malformed.", "invalid_request");
  auto loaded = load_interaction(ctx, req, *form, now);
  if (!loaded) return std::move(loaded).error();
  Flow& flow = loaded->flow;

  const std::string username(form->count("username") == 1 ? *form->get("username") : "");
  const std::string password(form->count("password") == 1 ? *form->get("password") : "");
  if (username.empty() || password.empty()) return form_error(ctx, req, flow, 400, kMissingFields, username, now);

  auto result = oauth::password_sign_in(ctx.use.login, username, password, flow.client.id, req.remote_address, now);
  count_login(ctx.metrics, result ? std::string_view("success") : oauth::to_string(result.error()));
  if (!result && result.error() == oauth::LoginFailure::rate_limited) count_rate_limited(ctx.metrics, "login");
  if (!result) {
    const auto failure = result.error();
    if (failure == oauth::LoginFailure::busy) {
      // Shed, not attempted: nothing was counted or checked, so there is nothing to audit.
      auto busy = form_error(ctx, req, flow, 503, kBusy, username, now);
      busy.headers.set("Retry-After", std::to_string(oauth::kBusyRetryAfter.count()));
      return busy;
    }
    const bool limited = failure == oauth::LoginFailure::locked || failure == oauth::LoginFailure::rate_limited;
    return form_error(ctx, req, flow, limited ? 429 : 401, limited ? kTooManyAttempts : kInvalidCredentials, username,
                      now);
  }

  auto started = start_session(ctx, result->id, now, current_session(ctx, req, now));
  flow.session = std::move(started.session);
  flow.set_cookies.push_back(std::move(started.set_cookie));
  flow.fresh_login = true;
  return advance(ctx, req, flow, now);
}

}  // namespace authly::endpoints
