// POST /auth/introspect (RFC 7662 §2): only authenticated clients may ask (§2.1, §4: no token
// scanning by anonymous callers), so public clients are refused.
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_request.hpp"

namespace authly::endpoints {

http::Response handle_introspection(EndpointContext& ctx, http::Request& req) {
  const bool basic = basic_attempted(req);
  const auto now = ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  auto client =
      oauth::authenticate_caller(ctx.use.tokens, client_credentials(req, *form), "/auth/introspect", false, now);
  if (!client) return oauth_error_response(client.error(), basic);
  const auto token = param(*form, "token");
  auto res =
      token
          ? no_store_json(200, oauth::introspect(ctx.use.tokens, client->client, *token,
                                                 param(*form, "token_type_hint").value_or(""), req.remote_address, now))
          : oauth_error_response(oauth::make_error(oauth::ErrorCode::invalid_request, "token is required"), basic);
  res.client_id = client->client.id;  // authenticated: for the access log
  return res;
}

}  // namespace authly::endpoints
