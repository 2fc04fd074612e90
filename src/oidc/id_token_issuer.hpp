#pragma once
// The ID token minter the grants use (oauth::IdTokenMinter): OIDC Core §2 and §3.1.3.6 claims,
// signed with the client's id_token_signed_response_alg (RS256 when unset, §3.1.3.7 item 7).
#include <string>

#include "config/config.hpp"
#include "oauth/grants/id_token_minter.hpp"
#include "oauth/signing_keys.hpp"
#include "store/store.hpp"

namespace authly::oidc {

class IdTokenIssuer final : public oauth::IdTokenMinter {
 public:
  // `pairwise_key` is oidc::derive_pairwise_key(master key). Every reference must outlive this.
  IdTokenIssuer(const config::Config& config, oauth::SigningKeys& keys, store::Store& store, std::string pairwise_key);

  // iss, sub (public or pairwise, §8), aud = azp = client_id, iat, exp (config.oidc.id_token_ttl_s),
  // auth_time, nonce, acr, amr, sid, at_hash, and the user claims named by the `claims` parameter's
  // id_token member (§5.5). Scope-derived claims are not included: an access token is always issued
  // alongside, so they come from userinfo (§5.4). Throws std::runtime_error when the client's alg
  // cannot sign ID tokens (unknown, or HS256: client secrets are not kept in clear) or the user is
  // gone, and on store or key failures.
  std::string mint(const oauth::IdTokenRequest& request) override;

 private:
  const config::Config& config_;
  oauth::SigningKeys& keys_;
  store::Store& store_;
  std::string pairwise_key_;
};

}  // namespace authly::oidc
