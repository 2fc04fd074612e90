#include "endpoints/interaction_flow.hpp"

#include <algorithm>

#include "core/constant_time.hpp"
#include "crypto/hash.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "oauth/authorize/authorization_response.hpp"
#include "oauth/authorize/code_issuance.hpp"
#include "oauth/authorize/interaction.hpp"
#include "oauth/authorize/interaction_policy.hpp"
#include "oauth/claims_request.hpp"
#include "web/pages.hpp"

namespace authly::endpoints {

namespace {

namespace az = oauth::authorize;

constexpr const char* kStartAgain = "This sign-in request is no longer valid. Return to the application and try again.";

std::string interaction_cookie_value(EndpointContext& ctx, const std::string& id) {
  http::SetCookie cookie;
  cookie.name = std::string(kInteractionCookie);
  cookie.value = id;
  cookie.max_age = std::chrono::seconds(ctx.config.oauth.interaction_ttl_s);
  cookie.secure = secure_cookies(ctx.config);
  return cookie.to_header_value();
}

std::string expired_interaction_cookie(EndpointContext& ctx) {
  auto cookie = http::SetCookie::expired(std::string(kInteractionCookie));
  cookie.secure = secure_cookies(ctx.config);
  return cookie.to_header_value();
}

void add_cookies(http::Response& r, const std::vector<std::string>& cookies) {
  for (const auto& c : cookies) r.headers.add("Set-Cookie", c);
}

std::string client_name(const store::Client& client) { return client.name.empty() ? client.id : client.name; }

// Keeps the request server-side (oauth/authorize/interaction.hpp). `authenticated`: the step is
// consent, so the interaction records the session's user.
InteractionHandle ensure_interaction(EndpointContext& ctx, Flow& flow, core::TimePoint now, bool authenticated) {
  std::optional<az::Authentication> user;
  if (authenticated) user = az::Authentication{flow.session->user_id, flow.session->auth_time, false};
  if (flow.handle) {
    if (user) az::bind_interaction_user(ctx.use.interactions, flow.handle->id, *user, now);
    return *flow.handle;
  }
  const auto secrets = az::start_interaction(ctx.use.interactions, flow.request, flow.client.id, user, now);
  InteractionHandle h{secrets.id, secrets.csrf};
  flow.set_cookies.push_back(interaction_cookie_value(ctx, h.id));
  flow.handle = h;
  return h;
}

PagePolicy form_policy(const Flow& flow) { return {az::uri_origin(flow.request.redirect_uri).value_or(""), {}}; }

http::Response login_page(EndpointContext& ctx, Flow& flow, core::TimePoint now) {
  const auto h = ensure_interaction(ctx, flow, now, false);
  web::LoginView view;
  view.client_name = client_name(flow.client);
  view.interaction = h.id;
  view.csrf = h.csrf;
  view.username = flow.typed_username.empty() ? flow.request.login_hint : flow.typed_username;
  view.error = flow.login_error;
  auto r = page_response(flow.login_status, web::login_page(view), form_policy(flow));
  add_cookies(r, flow.set_cookies);
  r.client_id = flow.client.id;  // validated with the request: for the access log
  return r;
}

http::Response consent_page(EndpointContext& ctx, Flow& flow, core::TimePoint now) {
  const auto h = ensure_interaction(ctx, flow, now, true);
  web::ConsentView view;
  view.client_name = client_name(flow.client);
  auto screen = az::consent_screen(ctx.use.interactions, flow.session->user_id, flow.request.scopes);
  view.username = std::move(screen.username);
  view.interaction = h.id;
  view.csrf = h.csrf;
  for (auto& [name, description] : screen.scopes) view.scopes.push_back({std::move(name), std::move(description)});
  // The individual claims the claims parameter names (OIDC Core §5.5), each once, in request
  // order: what will be released beyond the scopes. check_claims already dropped every claim the
  // client may not ask for, so the page lists exactly what the consent will cover.
  view.claims = oauth::requested_claim_names(flow.request.claims);
  auto r = page_response(200, web::consent_page(view), form_policy(flow));
  add_cookies(r, flow.set_cookies);
  r.client_id = flow.client.id;  // validated with the request: for the access log
  return r;
}

// Ends the interaction for good; false when another request already did.
bool complete_interaction(EndpointContext& ctx, Flow& flow, core::TimePoint now) {
  if (!flow.handle) return true;
  flow.set_cookies.push_back(expired_interaction_cookie(ctx));
  return az::complete_interaction(ctx.use.interactions, flow.handle->id, now);
}

}  // namespace

std::optional<std::string> interaction_cookie(const http::Request& req) {
  const auto cookies = http::Cookies::from_headers(req.headers);  // get() views into it
  auto value = cookies.get(kInteractionCookie);
  if (!value || value->empty()) return std::nullopt;
  return std::string(*value);
}

http::Response advance(EndpointContext& ctx, const http::Request& req, Flow& flow, core::TimePoint now) {
  std::optional<az::Authentication> auth;
  if (flow.session) auth = az::Authentication{flow.session->user_id, flow.session->auth_time, flow.fresh_login};
  auto step = az::flow_step(ctx.use.interactions, flow.request, flow.client, auth, now);
  if (!step) return finish_with_error(ctx, req, flow, step.error());
  switch (*step) {
    case az::Step::login:
      return login_page(ctx, flow, now);
    case az::Step::consent:
      return consent_page(ctx, flow, now);
    case az::Step::issue:
      break;
  }
  return finish_with_code(ctx, req, flow, now);
}

http::Response finish_with_code(EndpointContext& ctx, const http::Request& req, Flow& flow, core::TimePoint now) {
  if (!complete_interaction(ctx, flow, now)) return error_page(400, kStartAgain, "invalid_request");
  const auto& r = flow.request;
  const std::string code = az::issue_code(ctx.use.codes, r, flow.client, *flow.session, now);
  auto res =
      deliver(az::success_response(r.redirect_uri, r.response_mode, code, r.state, ctx.config.issuer), req.method);
  add_cookies(res, flow.set_cookies);
  res.client_id = flow.client.id;  // validated with the request: for the access log
  return res;
}

http::Response finish_with_error(EndpointContext& ctx, const http::Request& req, Flow& flow,
                                 const oauth::OAuthError& error) {
  if (flow.handle) (void)complete_interaction(ctx, flow, ctx.clock.now());
  const auto& r = flow.request;
  auto res =
      deliver(az::error_response(r.redirect_uri, r.response_mode, error, r.state, ctx.config.issuer), req.method);
  add_cookies(res, flow.set_cookies);
  res.client_id = flow.client.id;  // validated with the request: for the access log
  return res;
}

core::Result<LoadedInteraction, http::Response> load_interaction(EndpointContext& ctx, const http::Request& req,
                                                                 const http::FormParams& form, core::TimePoint now) {
  auto forbidden = [] { return core::fail(error_page(403, kStartAgain, "invalid_request")); };
  const auto cookie = interaction_cookie(req);
  if (form.count("interaction") != 1 || form.count("csrf") != 1 || !cookie) return forbidden();
  const std::string id(*form.get("interaction"));
  const std::string csrf(*form.get("csrf"));
  // The form must come from the browser that holds the interaction cookie (login CSRF).
  if (id.empty() || !core::constant_time_equals(id, *cookie)) return forbidden();
  auto pending = az::resume_interaction(ctx.use.interactions, id, csrf, now);
  if (!pending) {
    if (pending.error() == az::InteractionRefusal::forged) return forbidden();
    return core::fail(error_page(400, kStartAgain, "invalid_request"));
  }
  LoadedInteraction out{std::move(pending->row), {}};
  out.flow.request = std::move(pending->request);
  out.flow.client = std::move(pending->client);
  out.flow.handle = InteractionHandle{id, csrf};
  return out;
}

}  // namespace authly::endpoints
