#include "endpoints/token_routes.hpp"

#include <memory>

#include "endpoints/token_endpoints.hpp"

namespace authly::endpoints {

void register_token_routes(http::Router& router, EndpointContext& ctx, oauth::JwksFetch jwks_fetch) {
  auto state = std::make_shared<TokenEndpointState>(make_token_endpoint_state(ctx, std::move(jwks_fetch)));
  using http::Execution;
  using http::Method;
  router.add(
      Method::post, "/auth/token", [state](http::Request& r) { return handle_token(*state, r); }, Execution::blocking,
      "token");
  router.add(
      Method::post, "/auth/refresh", [state](http::Request& r) { return handle_refresh(*state, r); },
      Execution::blocking, "token");
  router.add(
      Method::post, "/auth/revoke", [state](http::Request& r) { return handle_revocation(*state, r); },
      Execution::blocking, "revoke");
  router.add(
      Method::post, "/auth/introspect", [state](http::Request& r) { return handle_introspection(*state, r); },
      Execution::blocking, "introspect");
}

}  // namespace authly::endpoints
