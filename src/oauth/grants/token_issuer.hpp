#pragma once
// Minting the tokens every grant hands out: RFC 9068 access tokens and opaque refresh tokens
// (256-bit, stored as SHA-256, DESIGN.md §4).
#include <optional>
#include <string>
#include <string_view>

#include "oauth/audit.hpp"
#include "oauth/grants/grant_context.hpp"

namespace authly::oauth {

struct MintedAccessToken {
  std::string token;
  std::string jti;
  core::TimePoint expires_at{};
};

// Signs an access token for `client`, acting for `user_id` (empty: for the client itself, RFC 9068
// §2.2, whose `sub` is then the client_id). A user's `sub` is the client's subject for them (OIDC
// Core §8: pairwise for a pairwise client), the same the ID token carries; the user id itself
// travels only sealed (oauth/token_user.hpp). `claims_request`: the OIDC `claims` parameter (JSON)
// of the grant, whose userinfo member's names the token carries to the userinfo endpoint. Its
// audience is the issuer: Authly's own APIs (userinfo, admin) are the resource servers until
// resource indicators are supported.
MintedAccessToken mint_access_token(const GrantContext& ctx, const store::Client& client, const std::string& user_id,
                                    const std::string& scope, std::optional<core::TimePoint> auth_time,
                                    const std::string& claims_request = {});

// A fresh random refresh token; the row is filled from `row` with token_hash, created_at set.
// Returns the token value (shown once, never stored).
std::string create_refresh_token(GrantContext& ctx, store::Store& tx, store::RefreshToken row);

// True when the space-separated `scope` contains `name` as a whole token.
bool scope_has(std::string_view scope, std::string_view name);

// The ID token for a user grant when `scope` contains openid and the context has a minter (OIDC
// Core §3.1.3.3, §12.2); empty otherwise. Call outside store transactions: the minter may create
// the first key for an algorithm.
std::string maybe_id_token(const GrantContext& ctx, IdTokenRequest request);

}  // namespace authly::oauth
