#include "endpoints/authorize_endpoint.hpp"

#include "endpoints/browser_page.hpp"
#include "endpoints/browser_session.hpp"
#include "endpoints/interaction_flow.hpp"
#include "endpoints/metrics_endpoint.hpp"
#include "endpoints/too_many_requests.hpp"
#include "http/form.hpp"
#include "oauth/authorize/authorization_response.hpp"
#include "oauth/authorize/authorize_request.hpp"
#include "oauth/per_ip_limits.hpp"
#include "observability/logger.hpp"

namespace authly::endpoints {
namespace {

namespace az = oauth::authorize;

}  // namespace

http::Response authorize(EndpointContext& ctx, http::Request& req) {
  // Before anything is parsed or stored: each request may write an interaction row.
  if (auto wait =
          oauth::authorize_throttled(ctx.limiter, ctx.config.oauth.authorize_per_ip_per_minute, req.remote_address)) {
    count_rate_limited(ctx.metrics, "authorize");
    return too_many_requests_page(*wait);
  }
  const auto now = ctx.clock.now();
  if (req.method == http::Method::post && !http::is_form_urlencoded(req.header("Content-Type")))
    return error_page(400, "The authorization request must be sent as a form.", "invalid_request");
  auto parsed = http::FormParams::parse(req.method == http::Method::post ? std::string_view(req.body)
                                                                         : std::string_view(req.query));
  if (!parsed)
    return error_page(400,
                      parsed.error() == http::kTooManyFormParams ? "The authorization request has too many parameters."
                                                                 : "The authorization request is malformed.",
                      "invalid_request");

  const az::Params params(parsed->begin(), parsed->end());
  auto validated = az::validate_authorization_request(params, ctx.use.interactions);
  if (!validated) {
    const auto& f = validated.error();
    if (!f.error.detail.empty())
      observability::debug("authorize.refused",
                           {{"error", oauth::to_string(f.error.code)}, {"detail", f.error.detail}});
    // RFC 6749 §4.1.2.1: an untrusted client or redirect URI gets a page, never a redirect.
    if (!f.error.redirectable) return error_page(400, f.error.description, oauth::to_string(f.error.code));
    return deliver(az::error_response(f.redirect_uri, f.response_mode, f.error, f.state, ctx.config.issuer),
                   req.method);
  }
  Flow flow;
  flow.request = std::move(validated->request);
  flow.client = std::move(validated->client);
  flow.session = current_session(ctx, req, now);
  return advance(ctx, req, flow, now);
}

}  // namespace authly::endpoints
