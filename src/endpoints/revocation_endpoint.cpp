// POST /auth/revoke (RFC 7009 §2): the caller authenticates as a client; the answer is 200 with
// an empty body whether or not the token was found, valid or the caller's (§2.2).
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_request.hpp"

namespace authly::endpoints {

http::Response handle_revocation(EndpointContext& ctx, http::Request& req) {
  const bool basic = basic_attempted(req);
  const auto now = ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  auto client = oauth::authenticate_caller(ctx.use.tokens, client_credentials(req, *form), "/auth/revoke", true, now);
  if (!client) return oauth_error_response(client.error(), basic);
  // §2.1: token is REQUIRED.
  const auto token = param(*form, "token");
  if (!token || token->empty()) {
    auto refused =
        oauth_error_response(oauth::make_error(oauth::ErrorCode::invalid_request, "token is required"), basic);
    refused.client_id = client->client.id;  // authenticated: for the access log
    return refused;
  }
  oauth::revoke(ctx.use.tokens, client->client,
                {*token, param(*form, "token_type_hint").value_or(""), req.remote_address}, now);
  http::Response r;
  r.status = 200;
  r.headers.set("Cache-Control", "no-store");
  r.client_id = client->client.id;
  return r;
}

}  // namespace authly::endpoints
