#pragma once
// The seam between the OAuth grants and OpenID Connect (DESIGN.md §2: oauth <- oidc). A grant that
// issues tokens for a scope containing `openid` asks the minter for an ID token; oidc/ implements
// it. GrantContext::id_tokens is null where no ID tokens are issued (pure OAuth tests).
#include <string>

#include "core/clock.hpp"
#include "store/models.hpp"

namespace authly::oauth {

// Every member but client has a default, so grants name only what they know (designated initialisers).
struct IdTokenRequest {
  const store::Client& client;
  std::string user_id{};        // internal user id; the minter maps it to the client's `sub`
  std::string scope{};          // granted scope, space-separated
  std::string nonce{};          // empty: none (always empty on refresh, OIDC Core §12.2)
  core::TimePoint auth_time{};  // when the user really logged in (kept across refreshes)
  std::string sid{};            // public session id; empty when unknown
  std::string acr{};
  std::string amr{};           // space-separated
  std::string claims{};        // the `claims` request parameter JSON, may be empty
  std::string access_token{};  // issued alongside, for at_hash
  core::TimePoint now{};
};

class IdTokenMinter {
 public:
  virtual ~IdTokenMinter() = default;
  // The signed ID token (compact JWS). Throws on infrastructure failure (no key, database down).
  virtual std::string mint(const IdTokenRequest& request) = 0;
};

}  // namespace authly::oauth
