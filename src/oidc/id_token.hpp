#pragma once
// OIDC Core §2 ID tokens: a JWS (typ "JWT") signed with the client's id_token_signed_response_alg.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "jose/algorithm.hpp"
#include "jose/signing_key.hpp"

namespace authly::oidc {

struct IdTokenClaims {
  std::string issuer;
  std::string subject;
  std::string audience;  // the client_id (a single audience: azp equals it)
  core::TimePoint issued_at{};
  core::TimePoint expires_at{};
  core::TimePoint auth_time{};
  std::string nonce;             // omitted when empty
  std::string acr;               // omitted when empty
  std::vector<std::string> amr;  // omitted when empty
  std::string azp;               // omitted when empty
  std::string sid;               // omitted when empty
  std::string at_hash;           // omitted when empty
  boost::json::object extra;     // released user claims (claims parameter, id_token member)
};

std::string issue_id_token(const jose::SigningKey& key, const IdTokenClaims& claims);

// §3.1.3.6: base64url of the left half of the hash of the access token's ASCII octets, the hash
// being the one of the ID token's alg (SHA-256 for RS256/PS256/ES256; SHA-512 for EdDSA/Ed25519).
std::string at_hash(std::string_view access_token, jose::Algorithm alg);

}  // namespace authly::oidc
