#include "endpoints/userinfo_endpoint.hpp"

#include <stdexcept>

#include "endpoints/bearer_auth.hpp"
#include "endpoints/cors.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/oidc_routes.hpp"
#include "http/auth_challenge.hpp"
#include "http/form.hpp"
#include "oauth/access_token.hpp"
#include "oauth/error_description.hpp"
#include "oidc/userinfo.hpp"

namespace authly::endpoints {
namespace {

using oauth::ErrorCode;

constexpr std::string_view kOpenIdScope = "openid";

oauth::OAuthError invalid_request(std::string description) {
  return oauth::make_error(ErrorCode::invalid_request, std::move(description));
}

// RFC 6750 §3: every error answer carries a Bearer challenge naming the error; a missing scope
// also names the scope that would do (§3: "scope" attribute).
http::Response bearer_error(const oauth::OAuthError& error) {
  auto r = oauth_error_response(error);
  r.headers.set("WWW-Authenticate", bearer_challenge(error, kOpenIdScope));
  return r;
}

// RFC 6750 §3.1: "If the request lacks any authentication information ..., the resource server
// SHOULD NOT include an error code or other error information."
http::Response missing_token() {
  http::Response r;
  r.status = 401;
  r.headers.set("WWW-Authenticate", http::auth_challenge("Bearer", {{"realm", "authly"}}));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

core::Result<std::optional<std::string>, oauth::OAuthError> userinfo_bearer_token(const http::Request& req) {
  if (!req.query.empty()) {
    auto query = http::FormParams::parse(req.query);
    if (!query) return core::fail(invalid_request("malformed query string"));
    if (query->has("access_token"))
      return core::fail(invalid_request("access_token must not be sent in the URL; use the Authorization header"));
  }
  auto header = bearer_token(req);
  if (!header) return core::fail(std::move(header).error());
  std::optional<std::string> token = std::move(*header);

  // §2.2: form-encoded body, and a method whose body has defined semantics (never GET).
  if (req.method == http::Method::post && http::is_form_urlencoded(req.header("Content-Type"))) {
    auto form = http::FormParams::parse(req.body);
    if (!form) return core::fail(invalid_request("malformed form body"));
    const auto n = form->count("access_token");
    if (n > 1) return core::fail(invalid_request("access_token must not be repeated"));
    // §2: "Clients MUST NOT use more than one method to transmit the token in each request."
    if (n == 1 && token) return core::fail(invalid_request("the access token was sent in more than one way"));
    if (n == 1) token = std::string(*form->get("access_token"));
  }
  return token;
}

http::Response handle_userinfo(EndpointContext& ctx, http::Request& req) {
  const auto now = ctx.clock.now();
  auto token = userinfo_bearer_token(req);
  if (!token) return bearer_error(token.error());
  if (!*token) return missing_token();

  auto answer = oidc::userinfo(ctx.use.userinfo, **token, now);
  if (!answer) return bearer_error(answer.error());
  auto r = no_store_json(200, std::move(answer->body));
  if (answer->signed_jwt) r.headers.set("Content-Type", "application/jwt");  // the no-store headers stay
  r.client_id = std::move(answer->client_id);  // the token checked out: for the access log
  return r;
}

// The token authorizes, never a cookie, so a browser app calls from the origin of its redirect URI
// (endpoints/cors.hpp); every answer, failures included, carries the CORS headers, with
// WWW-Authenticate exposed so the app can read why it was refused.
void register_userinfo_routes(http::Router& router, EndpointContext& ctx) {
  using http::Execution;
  using http::Method;
  using oauth::CorsCallers;
  auto* c = &ctx;
  const auto handler = [c](http::Request& r) {
    auto res = handle_userinfo(*c, r);
    add_cors_headers(res, r, c->cors, CorsCallers::any_client);
    return res;
  };
  router.add(Method::get, "/oidc/userinfo", handler, Execution::blocking, "userinfo",
             with_cors(oauth_failure, ctx.cors, CorsCallers::any_client));
  router.add(Method::post, "/oidc/userinfo", handler, Execution::blocking, "userinfo",
             with_cors(oauth_failure, ctx.cors, CorsCallers::any_client));
  add_cors_preflight(router, "/oidc/userinfo", ctx.cors, CorsCallers::any_client, "GET, POST");
}

}  // namespace authly::endpoints
