#pragma once
// The user behind an access token. The token's `sub` is the client's subject for the user (OIDC
// Core §8, oauth/subject.hpp): pairwise clients never read the internal user id, not even in their
// access tokens. Authly's own resource endpoints (UserInfo, the admin API, introspection) still
// need the user — to release claims, to refuse a disabled user — without a lookup table and without
// a write per token (DESIGN.md §4): the user id travels in the private claim kTokenUserClaim,
// sealed with AES-256-GCM under a key derived from the pairwise key (itself derived from the master
// key) and bound to the token's client_id. The nonce is random, so two tokens of one user carry
// unrelated values and the claim links nothing for anyone without the key.
#include <optional>
#include <string>
#include <string_view>

#include "core/random.hpp"
#include "core/result.hpp"
#include "oauth/access_token.hpp"
#include "oauth/error.hpp"
#include "store/store.hpp"

namespace authly::oauth {

// base64url(12-byte nonce || AES-256-GCM(user_id) || tag), additional data = client_id.
// Throws std::logic_error when `pairwise_key` is empty (a server without its derived keys must not
// issue user tokens).
std::string seal_token_user(std::string_view pairwise_key, std::string_view user_id, std::string_view client_id,
                            core::Random& rng);

// The user id, or nullopt when `sealed` does not open under this key and client_id (another
// server's key, another client's token, tampered or malformed).
std::optional<std::string> open_token_user(std::string_view pairwise_key, std::string_view sealed,
                                           std::string_view client_id);

// The user a verified access token acts for: the sealed claim when present; without it (tokens
// issued before the claim existed) `sub`, unless `sub` is the client_id (RFC 9068 §2.2: a
// client_credentials token, no user). nullopt: no user. invalid_token when a sealed claim is
// present but does not open: fail closed rather than treat the token as userless.
core::Result<std::optional<std::string>, OAuthError> token_user(const AccessTokenClaims& claims,
                                                                std::string_view pairwise_key);

// The end-user a verified access token acts for, as Authly's resource endpoints need it: nullopt
// for a token without a user (client_credentials); invalid_token when the user claim does not open
// or the user is gone or disabled since the token was issued (refused before the token's exp).
core::Result<std::optional<store::User>, OAuthError> token_end_user(store::Store& store,
                                                                    const AccessTokenClaims& claims,
                                                                    std::string_view pairwise_key);

}  // namespace authly::oauth
