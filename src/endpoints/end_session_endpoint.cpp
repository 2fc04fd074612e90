#include "endpoints/end_session_endpoint.hpp"

#include <algorithm>
#include <optional>

#include "core/base64url.hpp"
#include "core/constant_time.hpp"
#include "crypto/hash.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "endpoints/oidc_routes.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "oauth/authorize/authorization_response.hpp"
#include "observability/logger.hpp"
#include "oidc/browser_session.hpp"
#include "oidc/logout_request.hpp"
#include "web/pages.hpp"

namespace authly::endpoints {
namespace {

constexpr std::string_view kSingleValued[] = {
    "id_token_hint", "client_id", "post_logout_redirect_uri", "state", "logout_hint", "ui_locales", "csrf", "decision"};
constexpr const char* kStale = "This sign-out request is no longer valid. Return to the application and try again.";

using oidc::LogoutRequest;
using Checked = core::Result<LogoutRequest, http::Response>;

http::Response bad_request(std::string message) { return error_page(400, std::move(message), "invalid_request"); }

std::string param(const http::FormParams& p, std::string_view name) { return std::string(p.get(name).value_or("")); }

// RP-Initiated Logout §2 parameters, plus the confirmation form's own fields. `from_form`: the
// values come from our confirmation page, which never carries a hint.
Checked validate(EndpointContext& ctx, const http::FormParams& p, bool from_form) {
  for (auto name : kSingleValued)
    if (p.count(name) > 1) return core::fail(bad_request("The parameter " + std::string(name) + " is repeated."));
  oidc::LogoutParams params{from_form ? "" : param(p, "id_token_hint"), param(p, "client_id"),
                            param(p, "post_logout_redirect_uri"), param(p, "state")};
  auto checked = oidc::validate_logout_request(ctx.use.logout, params);
  if (!checked) {
    if (!checked.error().log_detail.empty())
      observability::debug("end_session.refused",
                           {{"reason", "id_token_hint"}, {"detail", checked.error().log_detail}});
    return core::fail(bad_request(checked.error().message));
  }
  return std::move(*checked);
}

std::optional<std::string> session_secret(const http::Request& req) {
  const auto cookies = http::Cookies::from_headers(req.headers);
  auto value = cookies.get(kSessionCookie);
  if (!value || value->empty()) return std::nullopt;
  return std::string(*value);
}

// The confirmation form's CSRF token: HMAC of the form's fields under the session cookie's secret.
// Only this browser can hold the key, nothing is stored, and the hidden fields cannot be swapped.
std::string confirm_csrf(std::string_view secret, const LogoutRequest& r) {
  std::string input = "authly end_session confirm v1";
  for (const std::string* v : {r.client ? &r.client->id : nullptr, &r.post_logout_redirect_uri, &r.state}) {
    input.push_back('\0');
    if (v) input += *v;
  }
  return core::base64url_encode(crypto::hmac_sha256(secret, input));
}

// Where the browser goes once logout is done: the validated post_logout_redirect_uri with state
// (§3), or our signed-out page. The cookie is cleared whenever the browser sent one.
http::Response finish(const EndpointContext& ctx, const http::Request& req, const LogoutRequest& r) {
  http::Response res;
  if (!r.post_logout_redirect_uri.empty()) {
    std::vector<std::pair<std::string, std::string>> params;
    if (!r.state.empty()) params.emplace_back("state", r.state);
    res.status = 303;
    res.headers.set("Location", http::append_query(r.post_logout_redirect_uri, params));
    res.headers.set("Cache-Control", "no-store");
  } else {
    res = page_response(200, web::logged_out_page());
  }
  if (session_cookie_hash(req)) res.headers.add("Set-Cookie", clear_session_cookie(ctx.config));
  return res;
}

http::Response confirm_page(EndpointContext& ctx, const LogoutRequest& r, const store::Session& session,
                            std::string_view secret) {
  web::LogoutConfirmView view;
  if (r.client) {
    view.client_name = r.client->name.empty() ? r.client->id : r.client->name;
    view.client_id = r.client->id;
  }
  view.username = oidc::session_username(ctx.use.sessions, session);
  view.post_logout_redirect_uri = r.post_logout_redirect_uri;
  view.state = r.state;
  view.csrf = confirm_csrf(secret, r);
  // CSP form-action also governs the redirect that follows the form's POST (Chromium).
  PagePolicy policy;
  if (!r.post_logout_redirect_uri.empty())
    policy.form_origin = oauth::authorize::uri_origin(r.post_logout_redirect_uri).value_or("");
  return page_response(200, web::logout_confirm_page(view), policy);
}

// The RP's request (GET, or POST without a decision).
http::Response rp_request(EndpointContext& ctx, const http::Request& req, const LogoutRequest& r, core::TimePoint now) {
  const auto session = current_session(ctx, req, now);
  if (!session) return finish(ctx, req, r);  // nothing to end; the RP still gets the user back
  if (oidc::hint_names_session(r, *session, ctx.use.sessions.end.pairwise_key)) {
    oidc::end_session(ctx.use.sessions.end, *session, "rp_logout", req.remote_address, now);
    return finish(ctx, req, r);
  }
  // No hint, or one for another session: a third party must not be able to log the user out.
  const auto secret = session_secret(req);
  if (!secret) return finish(ctx, req, r);  // unreachable: a current session implies the cookie
  return confirm_page(ctx, r, *session, *secret);
}

// The confirmation form posted back.
http::Response confirmation(EndpointContext& ctx, const http::Request& req, const http::FormParams& p,
                            const LogoutRequest& r, core::TimePoint now) {
  const auto secret = session_secret(req);
  if (!secret || p.count("csrf") != 1 || !core::constant_time_equals(param(p, "csrf"), confirm_csrf(*secret, r)))
    return error_page(403, kStale, "invalid_request");
  const std::string decision = param(p, "decision");
  if (decision == "stay") return page_response(200, web::logout_declined_page());
  if (decision != "logout") return bad_request("The form is malformed.");
  if (auto session = current_session(ctx, req, now))
    oidc::end_session(ctx.use.sessions.end, *session, "rp_logout", req.remote_address, now);
  return finish(ctx, req, r);
}

}  // namespace

http::Response end_session_request(EndpointContext& ctx, http::Request& req) {
  const auto now = ctx.clock.now();
  const bool post = req.method == http::Method::post;
  if (post && !http::is_form_urlencoded(req.header("Content-Type")))
    return bad_request("The logout request must be sent as a form.");
  auto params = http::FormParams::parse(post ? std::string_view(req.body) : std::string_view(req.query));
  if (!params) return bad_request("The logout request is malformed.");
  const bool confirmed = post && params->has("decision");
  auto checked = validate(ctx, *params, confirmed);
  if (!checked) return std::move(checked).error();
  auto r = confirmed ? confirmation(ctx, req, *params, *checked, now) : rp_request(ctx, req, *checked, now);
  if (checked->client) r.client_id = checked->client->id;  // validated with the request: for the access log
  return r;
}

void register_end_session_routes(http::Router& router, EndpointContext& ctx) {
  EndpointContext* c = &ctx;
  auto handler = [c](http::Request& req) { return end_session_request(*c, req); };
  router.add(http::Method::get, "/oidc/logout", handler, http::Execution::blocking, "sql", browser_failure);
  router.add(http::Method::post, "/oidc/logout", handler, http::Execution::blocking, "sql", browser_failure);
}

}  // namespace authly::endpoints
