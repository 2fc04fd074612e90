#include "endpoints/jwks_endpoint.hpp"

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "endpoints/public_metadata.hpp"

namespace authly::endpoints {

http::Response jwks(const http::Request& req, oauth::SigningKeys& keys, jose::Algorithm signing_alg) {
  keys.active(signing_alg);
  std::string body = keys.jwks_json();
  // The tag is derived from this very body (the same formula as SigningKeys::jwks_etag()), so a
  // reload between two calls can never pair one document with another document's tag.
  std::string etag = std::string(1, '"').append(core::base64url_encode(crypto::sha256(body))).append(1, '"');
  return public_metadata(req, std::move(body), std::move(etag), "application/jwk-set+json");
}

}  // namespace authly::endpoints
