#pragma once
// GET /oidc/jwks: the server's published verification keys (RFC 7517 §5), public members only.
// The /oidc/jwks route serves the same response from a pre-serialized document on the I/O thread
// (published_documents.hpp); this function builds it from the key set directly, which may reload
// the keys from the store.
#include <chrono>

#include "http/request.hpp"
#include "http/response.hpp"
#include "jose/algorithm.hpp"
#include "oauth/signing_keys.hpp"

namespace authly::endpoints {

// Makes sure the key for `signing_alg` exists first, so a verifier that fetches the set before any
// token was issued already sees the key that will sign. application/jwk-set+json (RFC 7517 §8.5),
// strong ETag, If-None-Match -> 304, Cache-Control: public, max-age=<max_age> (keys.jwks_max_age_s:
// a new key is published at least that long before it signs), CORS *.
http::Response jwks(const http::Request& req, oauth::SigningKeys& keys, jose::Algorithm signing_alg,
                    std::chrono::seconds max_age);

}  // namespace authly::endpoints
