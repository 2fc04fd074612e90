#pragma once
// Issuing an authorization code at the end of a successful authorization request (RFC 6749 §4.1.2,
// OAuth 2.1 §4.1.2): a 256-bit random code, stored only as its SHA-256, bound to everything the
// token request will be checked against (client, redirect URI as given, PKCE challenge, scope,
// nonce, claims, the approving session and its auth_time), valid for oauth.authorization_code_ttl_s.
// The session is also told which client it signed in to: ending it must reach that client
// (OpenID Connect Back-Channel Logout 1.0 §2.5).
#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oauth::authorize {

struct CodeIssueDeps {
  store::Store& store;
  core::Random& rng;
  std::chrono::seconds code_ttl;
};

// The row for `code_hash`; a pure function of its inputs.
store::AuthorizationCode code_row(const AuthorizationRequest& request, const store::Client& client,
                                  const store::Session& session, const std::string& code_hash, core::TimePoint now,
                                  std::chrono::seconds code_ttl);

// Stores a new code for `request` approved by `session` and records the client on the session;
// returns the code as the client receives it. Throws on a store failure (nothing is answered then).
std::string issue_code(const CodeIssueDeps& deps, const AuthorizationRequest& request, const store::Client& client,
                       const store::Session& session, core::TimePoint now);

}  // namespace authly::oauth::authorize
