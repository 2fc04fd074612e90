#include "endpoints/oidc_routes.hpp"

namespace authly::endpoints {

void register_oidc_routes(http::Router& router, EndpointContext& ctx) {
  register_userinfo_routes(router, ctx);
  register_end_session_routes(router, ctx);
}

}  // namespace authly::endpoints
