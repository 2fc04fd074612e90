#include "endpoints/token_routes.hpp"

#include <memory>

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
  router.add(
      Method::post, "/auth/token", [c, counters](http::Request& r) { return handle_token(*c, r, *counters); },
      Execution::inline_, "token", oauth_failure);
  router.add(
      Method::post, "/auth/refresh", [c, counters](http::Request& r) { return handle_refresh(*c, r, *counters); },
      Execution::blocking, "token", oauth_failure);
  router.add(
      Method::post, "/auth/revoke", [c](http::Request& r) { return handle_revocation(*c, r); }, Execution::blocking,
      "revoke", oauth_failure);
  router.add(
      Method::post, "/auth/introspect", [c](http::Request& r) { return handle_introspection(*c, r); },
      Execution::inline_, "introspect", oauth_failure);
}

}  // namespace authly::endpoints
