#pragma once
// The UserInfo Endpoint's rules (OIDC Core §5.3), given the access token the request carried
// (extracting it from the request is RFC 6750's and HTTP's: endpoints/userinfo_endpoint.cpp):
// - the token verifies (signature, typ, iss, exp, deny-list: oauth/access_token.hpp) and names
//   the issuer as its audience: a token minted for another resource server is not for this one;
// - it has an end-user (a client_credentials token has none: RFC 9068 §2.2) who is still active,
//   and was issued to a client that is still active;
// - it carries the openid scope (§5.3: OpenID Connect access tokens only), else insufficient_scope;
// - the answer holds `sub` as the ID token had it for this client (§5.3.2), the claims of the
//   token's scopes and those the claims parameter asked for (§5.5), restricted to the scopes the
//   client is registered for (§5.4), as JSON or, for a client that registered
//   userinfo_signed_response_alg, as a JWT naming the issuer and the client (§5.3.2).
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/signing_keys.hpp"
#include "store/store.hpp"

namespace authly::oidc {

struct UserInfoDeps {
  store::Store& store;
  oauth::SigningKeys& keys;
  std::string_view issuer;
  std::string_view pairwise_key;  // the clients' `sub` (subject.hpp) and the sealed user (token_user.hpp)
};

struct UserInfoAnswer {
  std::string body;
  bool signed_jwt = false;  // body is a JWS (Content-Type application/jwt), else JSON
  std::string client_id;    // the client the token was issued to (for the access log)
};

// invalid_token or insufficient_scope on refusal (the endpoint renders them as RFC 6750 §3
// challenges). Throws on a store failure or a missing signing key (server faults).
core::Result<UserInfoAnswer, oauth::OAuthError> userinfo(const UserInfoDeps& deps, std::string_view access_token,
                                                         core::TimePoint now);

}  // namespace authly::oidc
