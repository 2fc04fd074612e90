#include "endpoints/token_routes.hpp"

#include <memory>

#include "endpoints/cors.hpp"
#include "endpoints/metrics_endpoint.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"

namespace authly::endpoints {

// Token issuance and introspection run on the I/O thread while everything they need is in memory
// (cached client, keys and deny-list; a client_credentials grant; a token without a user) and move
// to the blocking pool when they reach SQL, Redis or a wait (core/blocking.hpp). Revocation writes
// the deny-list and refresh rotation writes its family: blocking from the start.
void register_token_routes(http::Router& router, EndpointContext& ctx) {
  EndpointContext* c = &ctx;
  auto counters = std::make_shared<TokenCounters>(ctx.metrics);
  using http::Execution;
  using http::Method;
  // CORS (endpoints/cors.hpp): a browser app redeems, refreshes and revokes from the origin of its
  // redirect URI (draft-ietf-oauth-browser-based-apps); introspection only for confidential
  // clients' origins. Each answer, failures included, names an allowed Origin; OPTIONS is the
  // preflight. A 429 here comes only from the client-authentication limits (oauth/client_auth_limits.hpp).
  using oauth::CorsCallers;
  observability::Counter* limited = &rate_limited_counter(ctx.metrics, "client_authentication");
  const auto cors = [c, limited](http::Response res, const http::Request& req, CorsCallers callers) {
    if (res.status == 429) limited->inc();
    add_cors_headers(res, req, c->cors, callers);
    return res;
  };
  constexpr auto any = CorsCallers::any_client;
  constexpr auto confidential = CorsCallers::confidential_clients;
  router.add(
      Method::post, "/auth/token",
      [c, counters, cors](http::Request& r) { return cors(handle_token(*c, r, *counters), r, any); },
      Execution::inline_, "token", with_cors(oauth_failure, ctx.cors, any));
  router.add(
      Method::post, "/auth/refresh",
      [c, counters, cors](http::Request& r) { return cors(handle_refresh(*c, r, *counters), r, any); },
      Execution::blocking, "token", with_cors(oauth_failure, ctx.cors, any));
  router.add(
      Method::post, "/auth/revoke", [c, cors](http::Request& r) { return cors(handle_revocation(*c, r), r, any); },
      Execution::blocking, "revoke", with_cors(oauth_failure, ctx.cors, any));
  router.add(
      Method::post, "/auth/introspect",
      [c, cors](http::Request& r) { return cors(handle_introspection(*c, r), r, confidential); }, Execution::inline_,
      "introspect", with_cors(oauth_failure, ctx.cors, confidential));
  for (const char* path : {"/auth/token", "/auth/refresh", "/auth/revoke"})
    add_cors_preflight(router, path, ctx.cors, any, "POST");
  add_cors_preflight(router, "/auth/introspect", ctx.cors, confidential, "POST");
}

}  // namespace authly::endpoints
