#pragma once
// private_key_jwt client authentication (RFC 7523 §2.2 and §3, OIDC Core §9): a JWT signed with one
// of the client's registered keys, iss = sub = client_id, aud naming this server, a bounded exp in
// the future and a jti accepted once.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/jwk_set.hpp"
#include "oauth/error.hpp"
#include "store/token_repository.hpp"

namespace authly::oauth {

inline constexpr std::string_view kJwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

struct AssertionRules {
  std::vector<std::string> audiences;  // any one of these in "aud" is enough (issuer, token endpoint URL)
  core::TimePoint now{};
  std::chrono::seconds max_lifetime{600};  // exp at most this far ahead
  std::chrono::seconds leeway{60};         // clock skew for nbf / iat
};

// The client_id an assertion claims to come from ("sub", else "iss"), read WITHOUT verification,
// only to find the client whose keys verify it. nullopt for a malformed token.
std::optional<std::string> assertion_client_id_unverified(std::string_view assertion);

// Verifies signature and claims for `client_id`, then records the jti (replays fail). Every
// failure is invalid_client (RFC 7523 §3.2); the detail says why, for the log.
core::Result<core::Ok, OAuthError> verify_client_assertion(std::string_view assertion, const std::string& client_id,
                                                           const jose::JwkSet& keys, const AssertionRules& rules,
                                                           store::TokenRepository& tokens);

}  // namespace authly::oauth
