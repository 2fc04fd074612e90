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
#include "oidc/id_token_hint.hpp"
#include "oidc/subject.hpp"
#include "web/pages.hpp"

namespace authly::endpoints {
namespace {

constexpr std::string_view kSingleValued[] = {
    "id_token_hint", "client_id", "post_logout_redirect_uri", "state", "logout_hint", "ui_locales", "csrf", "decision"};
constexpr const char* kStale = "This sign-out request is no longer valid. Return to the application and try again.";

// The request after validation: the client and redirect target are trusted from here on.
struct LogoutRequest {
  std::optional<store::Client> client;   // from the hint's aud or client_id
  std::string post_logout_redirect_uri;  // registered for `client`, exactly; empty when none
  std::string state;
  std::optional<oidc::IdTokenHint> hint;
};

using Checked = core::Result<LogoutRequest, http::Response>;

http::Response bad_request(std::string message) { return error_page(400, std::move(message), "invalid_request"); }

bool is_form(const http::Request& req) {
  auto type = req.header("Content-Type");
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  return type && type->size() >= kForm.size() && http::iequals(type->substr(0, kForm.size()), kForm);
}

std::string param(const http::FormParams& p, std::string_view name) { return std::string(p.get(name).value_or("")); }

// RP-Initiated Logout §2 parameters, plus the confirmation form's own fields. `from_form`: the
// values come from our confirmation page, which never carries a hint.
Checked validate(EndpointContext& ctx, const http::FormParams& p, bool from_form) {
  for (auto name : kSingleValued)
    if (p.count(name) > 1) return core::fail(bad_request("The parameter " + std::string(name) + " is repeated."));
  LogoutRequest out;
  const std::string hint_token = from_form ? "" : param(p, "id_token_hint");
  std::string client_id = param(p, "client_id");
  if (!hint_token.empty()) {
    static const jose::JwkSet kNoKeys;
    const auto keys = ctx.keys.published();
    auto hint = oidc::verify_id_token_hint(hint_token, keys ? *keys : kNoKeys, ctx.config.issuer);
    if (!hint) {
      observability::debug("end_session.refused", {{"reason", "id_token_hint"}, {"detail", hint.error().detail}});
      return core::fail(bad_request(hint.error().description + "."));
    }
    // §2: a client_id sent with the hint must be the client the ID token was issued to.
    auto client = oidc::hint_client(*hint, client_id);
    if (!client) return core::fail(bad_request(client.error().description + "."));
    client_id = std::move(*client);
    out.hint = std::move(*hint);
  }
  if (!client_id.empty()) {
    out.client = ctx.store.clients().find(client_id);
    if (!out.client || !out.client->is_active) return core::fail(bad_request("The client is unknown or disabled."));
  }
  out.post_logout_redirect_uri = param(p, "post_logout_redirect_uri");
  if (!out.post_logout_redirect_uri.empty()) {
    // §3: only to a URI registered for the client, compared as strings (no normalisation).
    if (!out.client)
      return core::fail(bad_request("post_logout_redirect_uri needs id_token_hint or client_id to name the client."));
    const auto& registered = out.client->post_logout_redirect_uris;
    if (std::find(registered.begin(), registered.end(), out.post_logout_redirect_uri) == registered.end())
      return core::fail(bad_request("The post_logout_redirect_uri is not registered for this client."));
  }
  out.state = param(p, "state");
  return out;
}

// The hint names this browser's session: the same user as the client sees it and, when the ID
// token carries one, the same sid.
bool hint_names_session(EndpointContext& ctx, const LogoutRequest& r, const store::Session& session) {
  if (!r.hint || !r.client) return false;
  if (!r.hint->sid.empty() && !core::constant_time_equals(r.hint->sid, session.sid)) return false;
  return r.hint->subject == oidc::subject_for(*r.client, session.user_id, ctx.pairwise_key);
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
  if (auto user = ctx.store.users().find_by_id(session.user_id)) view.username = user->username;
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
http::Response rp_request(EndpointContext& ctx, const http::Request& req, const http::FormParams& p,
                          core::TimePoint now) {
  auto checked = validate(ctx, p, false);
  if (!checked) return std::move(checked).error();
  const LogoutRequest& r = *checked;
  const auto session = current_session(ctx, req, now);
  if (!session) return finish(ctx, req, r);  // nothing to end; the RP still gets the user back
  if (hint_names_session(ctx, r, *session)) {
    oidc::end_session(session_end_deps(ctx), *session, "rp_logout", req.remote_address, now);
    return finish(ctx, req, r);
  }
  // No hint, or one for another session: a third party must not be able to log the user out.
  const auto secret = session_secret(req);
  if (!secret) return finish(ctx, req, r);  // unreachable: a current session implies the cookie
  return confirm_page(ctx, r, *session, *secret);
}

// The confirmation form posted back.
http::Response confirmation(EndpointContext& ctx, const http::Request& req, const http::FormParams& p,
                            core::TimePoint now) {
  auto checked = validate(ctx, p, true);
  if (!checked) return std::move(checked).error();
  const LogoutRequest& r = *checked;
  const auto secret = session_secret(req);
  if (!secret || p.count("csrf") != 1 || !core::constant_time_equals(param(p, "csrf"), confirm_csrf(*secret, r)))
    return error_page(403, kStale, "invalid_request");
  const std::string decision = param(p, "decision");
  if (decision == "stay") return page_response(200, web::logout_declined_page());
  if (decision != "logout") return bad_request("The form is malformed.");
  if (auto session = current_session(ctx, req, now))
    oidc::end_session(session_end_deps(ctx), *session, "rp_logout", req.remote_address, now);
  return finish(ctx, req, r);
}

}  // namespace

oidc::SessionEndDeps session_end_deps(EndpointContext& ctx) {
  return {ctx.store, ctx.keys, ctx.backchannel, ctx.rng, ctx.config.issuer, ctx.pairwise_key};
}

http::Response end_session_request(EndpointContext& ctx, http::Request& req) {
  try {
    const auto now = ctx.clock.now();
    const bool post = req.method == http::Method::post;
    if (post && !is_form(req)) return bad_request("The logout request must be sent as a form.");
    auto params = http::FormParams::parse(post ? std::string_view(req.body) : std::string_view(req.query));
    if (!params) return bad_request("The logout request is malformed.");
    if (post && params->has("decision")) return confirmation(ctx, req, *params, now);
    return rp_request(ctx, req, *params, now);
  } catch (const std::exception& e) {
    return browser_internal_error(req, e);
  }
}

void register_end_session_routes(http::Router& router, EndpointContext& ctx) {
  EndpointContext* c = &ctx;
  auto handler = [c](http::Request& req) { return end_session_request(*c, req); };
  router.add(http::Method::get, "/oidc/logout", handler, http::Execution::blocking, "sql");
  router.add(http::Method::post, "/oidc/logout", handler, http::Execution::blocking, "sql");
}

}  // namespace authly::endpoints
