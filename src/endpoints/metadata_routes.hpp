#pragma once
// Routes for the server's public metadata and the client registry: discovery (RFC 8414), JWKS
// (RFC 7517) and /oauth/clients (RFC 7591/7592). The handlers keep references into `ctx`, which
// must outlive the router. Registering reads the store once (the discovery and JWKS documents are
// built up front, published_documents.hpp) and returns the documents: their owner refreshes them
// (app/: maintenance jobs); the routes keep them alive too.
#include <memory>

#include "endpoints/context.hpp"
#include "endpoints/published_documents.hpp"
#include "http/router.hpp"

namespace authly::endpoints {

std::shared_ptr<PublishedDocuments> register_metadata_routes(http::Router& router, EndpointContext& ctx);

}  // namespace authly::endpoints
