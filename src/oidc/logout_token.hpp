#pragma once
// OIDC Back-Channel Logout 1.0 §2.4 logout tokens: a JWS with header typ "logout+jwt" signed with
// the key of the client's id_token_signed_response_alg. Claims: iss, aud (the client_id), iat, exp
// (iat + kLogoutTokenTtl), jti, events {kBackchannelLogoutEvent: {}}, sub and sid; never nonce
// (§2.4: a nonce would let a logout token pass as an ID token).
#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/algorithm.hpp"
#include "jose/signing_key.hpp"
#include "store/models.hpp"

namespace authly::oidc {

inline constexpr std::string_view kBackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
inline constexpr std::string_view kLogoutTokenType = "logout+jwt";
// Long enough for the retries of backchannel.hpp to deliver it; short enough that a captured token
// is soon useless. The RP checks jti for replays within this window.
inline constexpr std::chrono::seconds kLogoutTokenTtl{120};

struct LogoutTokenClaims {
  std::string issuer;
  std::string audience;  // the client_id
  std::string subject;   // the client's `sub` for the user (subject.hpp); omitted when empty
  std::string sid;       // the session's public id; omitted when empty
  std::string jti;       // unique per token
  core::TimePoint issued_at{};
};

// Precondition: subject or sid is set (§2.4 requires at least one). Throws std::invalid_argument
// otherwise, and whatever jose::sign throws on an OpenSSL failure.
std::string issue_logout_token(const jose::SigningKey& key, const LogoutTokenClaims& claims);

// The algorithm a client's ID tokens, and so its logout tokens, are signed with: its registered
// id_token_signed_response_alg, or RS256 when that is not an asymmetric algorithm we implement
// (registration refuses those; an old or hand-edited row must not turn into HS256 or "none").
jose::Algorithm id_token_algorithm(const store::Client& client);

}  // namespace authly::oidc
