#include "endpoints/jwks_endpoint.hpp"

#include <string>

#include "crypto/hash.hpp"
#include "endpoints/public_metadata.hpp"

namespace authly::endpoints {

http::Response jwks(const http::Request& req, oauth::SigningKeys& keys, jose::Algorithm signing_alg,
                    std::chrono::seconds max_age) {
  keys.active(signing_alg);
  std::string body = keys.jwks_json();
  // The tag is derived from this very body (the same formula as SigningKeys::jwks_etag()), so a
  // reload between two calls can never pair one document with another document's tag.
  std::string etag = crypto::strong_etag(body);
  auto response = public_metadata(req, std::move(body), std::move(etag), "application/jwk-set+json");
  // Caches may hold the set this long; the publish lead of a rotation is at least as long, so a
  // cached set always holds the key that signs (config rejects publish_lead_s < jwks_max_age_s).
  response.headers.set("Cache-Control", "public, max-age=" + std::to_string(max_age.count()));
  return response;
}

}  // namespace authly::endpoints
