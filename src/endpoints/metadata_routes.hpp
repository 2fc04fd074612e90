#pragma once
// Routes for the server's public metadata and the client registry: discovery (RFC 8414), JWKS
// (RFC 7517) and /oauth/clients (RFC 7591/7592). The handlers keep references into `ctx`, which
// must outlive the router. Registering reads the store once (the discovery and JWKS documents are
// built up front, published_documents.hpp) and starts their refresher thread, which stops when the
// router's handlers are destroyed.
#include "endpoints/context.hpp"
#include "http/router.hpp"

namespace authly::endpoints {

void register_metadata_routes(http::Router& router, EndpointContext& ctx);

}  // namespace authly::endpoints
