#pragma once
// Token introspection (RFC 7662 §2.1-§2.2) for an authenticated caller. Access tokens (RFC 9068
// JWTs) are active when their signature, issuer, expiry and the deny-list say so, and only for the
// client they were issued to or a resource server named in their `aud` (introspection_access.hpp).
// Refresh tokens are active only for the client they belong to, and only while neither rotated,
// revoked nor expired. Anything else, tokens from another issuer or another client included, is
// {"active":false} (§2.2), indistinguishable from an unknown token.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/jwk_set.hpp"
#include "oauth/verified_token_cache.hpp"
#include "store/store.hpp"

namespace authly::oauth {

// The JSON response body. `sub` is the token client's subject for the user (OIDC Core §8, the
// value its ID tokens carry); `pairwise_key` computes it and opens the sealed user of access tokens.
// With a `cache`, an access token's signature is verified once and its claims reused until exp;
// the deny-list, the user's active state and the access rule are still checked on every call.
std::string introspect_token(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                             const store::Client& caller, std::string_view token, std::string_view token_type_hint,
                             core::TimePoint now, std::string_view pairwise_key, VerifiedTokenCache* cache = nullptr);

}  // namespace authly::oauth
