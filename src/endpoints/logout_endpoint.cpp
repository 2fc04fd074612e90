#include "endpoints/logout_endpoint.hpp"

#include "core/web_origin.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "endpoints/end_session_endpoint.hpp"
#include "http/same_origin.hpp"
#include "observability/logger.hpp"
#include "web/pages.hpp"

namespace authly::endpoints {
namespace {

bool wants_html(const http::Request& req) {
  auto accept = req.header("Accept");
  return accept && accept->find("text/html") != std::string_view::npos;
}

}  // namespace

http::Response logout(EndpointContext& ctx, http::Request& req) {
  // The session cookie is ambient authority (SameSite=Lax still lets a same-site page post
  // it): only a request from Authly's own origin may end the session. Anything else is refused
  // before the session is looked at, and the cookie is left alone.
  if (!http::is_same_origin_request(req, core::web_origin(ctx.config.issuer).value_or(""))) {
    observability::info("logout.refused", {{"reason", "not same-origin"}, {"request_id", req.request_id}});
    return error_page(403, "This sign-out request did not come from this site, so you are still signed in.",
                      "access_denied", req.request_id);
  }
  const auto now = ctx.clock.now();
  if (auto hash = session_cookie_hash(req))
    oidc::end_browser_session(ctx.use.sessions, *hash, "logout", req.remote_address, now);
  http::Response r;
  if (wants_html(req)) {
    r = page_response(200, web::logged_out_page());
  } else {
    r.status = 204;
    r.headers.set("Cache-Control", "no-store");
  }
  r.headers.add("Set-Cookie", clear_session_cookie(ctx.config));
  return r;
}

}  // namespace authly::endpoints
