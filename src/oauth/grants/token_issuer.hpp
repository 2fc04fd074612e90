#pragma once
// Minting the tokens every grant hands out: RFC 9068 access tokens and opaque refresh tokens
// (256-bit, stored as SHA-256, DESIGN.md §4).
#include <optional>
#include <string>

#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct MintedAccessToken {
  std::string token;
  std::string jti;
  core::TimePoint expires_at{};
};

// Signs an access token for `subject`. Its audience is the issuer: Authly's own APIs (userinfo,
// admin) are the resource servers until resource indicators are supported.
MintedAccessToken mint_access_token(const GrantContext& ctx, const std::string& client_id, const std::string& subject,
                                    const std::string& scope, std::optional<core::TimePoint> auth_time);

// A fresh random refresh token; the row is filled from `row` with token_hash, created_at set.
// Returns the token value (shown once, never stored).
std::string create_refresh_token(GrantContext& ctx, store::Store& tx, store::RefreshToken row);

// Appends an audit event; `detail` is a JSON object and never carries token values.
void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, std::string detail);

}  // namespace authly::oauth
