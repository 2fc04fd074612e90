// POST /auth/token (RFC 6749 §3.2) and its refresh-only alias POST /auth/refresh: the form into an
// oauth::TokenRequest, the use-case's answer into §5.1 or §5.2.
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_request.hpp"

namespace authly::endpoints {
namespace {

http::Response token_flow(EndpointContext& ctx, http::Request& req, oauth::TokenEndpoint endpoint) {
  const bool basic = basic_attempted(req);
  const auto now = ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  oauth::TokenRequest request;
  request.grant_type = param(*form, "grant_type");
  request.credentials = client_credentials(req, *form);
  request.client_ip = req.remote_address;
  request.code = param(*form, "code");
  request.redirect_uri = param(*form, "redirect_uri");
  request.code_verifier = param(*form, "code_verifier");
  request.refresh_token = param(*form, "refresh_token");
  request.scope = param(*form, "scope");
  request.username = param(*form, "username");
  request.password = param(*form, "password");
  const auto path = endpoint == oauth::TokenEndpoint::refresh ? "/auth/refresh" : "/auth/token";
  auto result = oauth::token_request(ctx.use.tokens, endpoint, path, request, now);
  if (!result) return oauth_error_response(result.error(), basic);
  return no_store_json(200, oauth::to_json(*result));
}

}  // namespace

http::Response handle_token(EndpointContext& ctx, http::Request& req) {
  return token_flow(ctx, req, oauth::TokenEndpoint::token);
}

http::Response handle_refresh(EndpointContext& ctx, http::Request& req) {
  return token_flow(ctx, req, oauth::TokenEndpoint::refresh);
}

}  // namespace authly::endpoints
