#pragma once
// OIDC RP-Initiated Logout 1.0 §2/§4: the id_token_hint, an ID token this server issued earlier.
// Verified like an ID token (OIDC Core §3.1.3.7) except that exp is NOT enforced: §4 says the OP
// should accept a hint whose exp has passed, since the RP may log out long after sign-in.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "jose/jwk_set.hpp"
#include "oauth/error.hpp"

namespace authly::oidc {

struct IdTokenHint {
  std::vector<std::string> audience;  // "aud": client ids (one, for tokens Authly issues)
  std::string azp;                    // empty when absent
  std::string subject;                // the client's `sub` for the user
  std::string sid;                    // empty when absent
};

// Checks: a compact JWS signed by one of `keys` (the published keys) with an asymmetric algorithm
// ("none" and HS256 never verify); typ absent or "JWT" (an access token or logout token signed by
// the same key is not an ID token); iss == `issuer`; sub a non-empty string; aud a non-empty
// string or array of strings. Any failure is invalid_request with a log-only detail.
core::Result<IdTokenHint, oauth::OAuthError> verify_id_token_hint(std::string_view token, const jose::JwkSet& keys,
                                                                  std::string_view issuer);

// The client the hint was issued to: `client_id` when given (it must be one of the audiences,
// §2), else the single audience, else azp when it is one of them. invalid_request otherwise.
core::Result<std::string, oauth::OAuthError> hint_client(const IdTokenHint& hint, std::string_view client_id);

}  // namespace authly::oidc
