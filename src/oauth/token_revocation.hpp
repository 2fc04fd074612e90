#pragma once
// Token revocation (RFC 7009 §2.1-§2.2). The caller is an authenticated client; it may revoke only
// its own tokens. Unknown, invalid, foreign or already revoked tokens change nothing and are not
// reported (§2.2: the endpoint answers 200 regardless), so this returns nothing.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/jwk_set.hpp"
#include "store/store.hpp"

namespace authly::oauth {

struct RevocationRequest {
  std::string token;
  std::string token_type_hint;  // "refresh_token" | "access_token" | anything else (ignored, §2.1)
  std::string client_ip;
};

// The order revoke_token() looks a token up in: true (a '.' in it, the JWS compact form of access
// tokens) means access token first; refresh tokens are base64url and never hold a '.'.
bool looks_like_jwt(std::string_view token);

// A refresh token revokes its whole family and the family's access tokens (§2.1: "SHOULD also
// invalidate all access tokens based on the same authorization grant"); an access token (JWT
// verified against `published`) goes on the deny-list until its exp.
void revoke_token(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                  const store::Client& caller, const RevocationRequest& request, core::TimePoint now);

}  // namespace authly::oauth
