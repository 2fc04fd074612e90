#include "endpoints/jwks_endpoint.hpp"

#include <string>

#include "endpoints/public_metadata.hpp"

namespace authly::endpoints {

std::string jwks_cache_control(std::chrono::seconds max_age) {
  // The publish lead of a rotation is at least max_age, so a cached set always holds the key that
  // signs (config rejects publish_lead_s < jwks_max_age_s).
  return "public, max-age=" + std::to_string(max_age.count());
}

http::Response jwks(const http::Request& req, const PublishedDocument& document, const std::string& cache_control) {
  auto response = public_metadata(req, document.body, document.etag, "application/jwk-set+json");
  response.headers.set("Cache-Control", cache_control);
  return response;
}

}  // namespace authly::endpoints
