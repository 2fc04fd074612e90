#pragma once
// GET /oidc/jwks: the server's published verification keys (RFC 7517 §5), public members only,
// answered from the pre-serialized document (published_documents.hpp) on the I/O thread.
#include <chrono>
#include <string>

#include "endpoints/published_documents.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// "public, max-age=<max_age>": caches may hold the set keys.jwks_max_age_s; a new key is
// published at least that long before it signs. Built once, when the route is registered.
std::string jwks_cache_control(std::chrono::seconds max_age);

// application/jwk-set+json (RFC 7517 §8.5), the document's strong ETag, If-None-Match -> 304,
// `cache_control`, CORS *.
http::Response jwks(const http::Request& req, const PublishedDocument& document, const std::string& cache_control);

}  // namespace authly::endpoints
