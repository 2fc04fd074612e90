#pragma once
// RFC 9068 JWT access tokens: header typ "at+jwt"; claims iss, exp, aud, sub, client_id, iat, jti,
// scope (and auth_time when a user logged in). Signed with the active key; not stored. Revocation
// puts the jti on the deny-list until exp.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"
#include "oauth/error.hpp"
#include "store/token_repository.hpp"

namespace authly::oauth {

struct AccessTokenClaims {
  std::string issuer;
  std::string subject;  // the client's subject for the user (oauth/subject.hpp), or the client_id for
                        // client_credentials (RFC 9068 §2.2)
  std::string client_id;
  std::vector<std::string> audience;
  std::string scope;  // space-separated
  std::string jti;
  core::TimePoint issued_at{};
  core::TimePoint expires_at{};
  std::optional<core::TimePoint> auth_time;
  // Claims the `claims` request parameter asked of userinfo (OIDC Core §5.5): the token is the only
  // thing userinfo receives, so the names travel in it as kUserinfoClaimsClaim. Empty: omitted.
  std::vector<std::string> userinfo_claims;
  // The user id sealed for Authly's own endpoints (oauth/token_user.hpp), as kTokenUserClaim; empty
  // for tokens without a user. "= {}": claims built positionally without it stay warning-free.
  std::string sealed_user = {};
};

inline constexpr std::string_view kUserinfoClaimsClaim = "authly_userinfo";
inline constexpr std::string_view kTokenUserClaim = "authly_usr";

std::string issue_access_token(const jose::SigningKey& key, const AccessTokenClaims& claims);

// Verifies signature (published keys, asymmetric algs only), typ "at+jwt", iss, exp (no leeway
// beyond `leeway`), and that the jti is not on the deny-list. invalid_token on any failure.
core::Result<AccessTokenClaims, OAuthError> verify_access_token(std::string_view token, const jose::JwkSet& keys,
                                                                std::string_view issuer, core::TimePoint now,
                                                                store::TokenRepository& deny_list,
                                                                std::chrono::seconds leeway = std::chrono::seconds(0));

// Everything verify_access_token() checks except the deny-list. The result is only as good as the
// moment it was made: a caller that keeps it must check expiry and the deny-list again on use.
core::Result<AccessTokenClaims, OAuthError> verify_access_token_signature(
    std::string_view token, const jose::JwkSet& keys, std::string_view issuer, core::TimePoint now,
    std::chrono::seconds leeway = std::chrono::seconds(0));

}  // namespace authly::oauth
