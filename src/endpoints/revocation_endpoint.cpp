// POST /auth/revoke (RFC 7009 §2): the caller authenticates as a client; the answer is 200 with
// an empty body whether or not the token was found, valid or the caller's (§2.2).
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_revocation.hpp"

namespace authly::endpoints {

http::Response handle_revocation(TokenEndpointState& state, http::Request& req) {
  const bool basic = basic_attempted(req);
  const auto now = state.ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  auto client = authenticate_caller(state, req, *form, "/auth/revoke", true, now);
  if (!client) return oauth_error_response(client.error(), basic);
  // §2.1: token is REQUIRED.
  const auto token = param(*form, "token");
  if (!token || token->empty())
    return oauth_error_response(oauth::make_error(oauth::ErrorCode::invalid_request, "token is required"), basic);
  oauth::RevocationRequest request{*token, param(*form, "token_type_hint").value_or(""), req.remote_address};
  oauth::revoke_token(state.ctx.store, *state.ctx.keys.published(), state.policy.issuer, client->client, request, now);
  http::Response r;
  r.status = 200;
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace authly::endpoints
