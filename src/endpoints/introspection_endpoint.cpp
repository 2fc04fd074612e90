// POST /auth/introspect (RFC 7662 §2): only authenticated clients may ask (§2.1, §4: no token
// scanning by anonymous callers), so public clients are refused.
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_introspection.hpp"

namespace authly::endpoints {

http::Response handle_introspection(TokenEndpointState& state, http::Request& req) {
  const bool basic = basic_attempted(req);
  const auto now = state.ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  auto client = authenticate_caller(state, req, *form, "/auth/introspect", false, now);
  if (!client) return oauth_error_response(client.error(), basic);
  const auto token = param(*form, "token");
  if (!token)
    return oauth_error_response(oauth::make_error(oauth::ErrorCode::invalid_request, "token is required"), basic);
  return no_store_json(
      200, oauth::introspect_token(state.ctx.store, *state.ctx.keys.published(), state.policy.issuer, client->client,
                                   *token, param(*form, "token_type_hint").value_or(""), now, state.ctx.pairwise_key,
                                   state.introspection_cache.get()));
}

}  // namespace authly::endpoints
