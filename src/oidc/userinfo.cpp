#include "oidc/userinfo.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "oauth/access_token.hpp"
#include "oauth/claims_request.hpp"
#include "oauth/scope_syntax.hpp"
#include "oauth/token_user.hpp"
#include "oidc/claims.hpp"
#include "oidc/subject.hpp"
#include "oidc/userinfo_response.hpp"

namespace authly::oidc {
namespace {

constexpr std::string_view kOpenIdScope = "openid";

oauth::OAuthError invalid_token(std::string detail) {
  return oauth::make_error(oauth::ErrorCode::invalid_token, "The access token is invalid, expired or revoked",
                           std::move(detail));
}

}  // namespace

core::Result<UserInfoAnswer, oauth::OAuthError> userinfo(const UserInfoDeps& deps, std::string_view access_token,
                                                         core::TimePoint now) {
  const auto keys = deps.keys.published();
  if (!keys) return core::fail(invalid_token("no published keys"));
  auto claims = oauth::verify_access_token(access_token, *keys, deps.issuer, now, deps.store.tokens());
  if (!claims) return core::fail(std::move(claims).error());
  // Authly's access tokens name the issuer as their audience (token_issuer.hpp).
  if (std::find(claims->audience.begin(), claims->audience.end(), deps.issuer) == claims->audience.end())
    return core::fail(invalid_token("audience is not the issuer"));
  // No scope would make a token without an end-user good here, so it is invalid_token rather than
  // insufficient_scope: the client must obtain a token through a user's authorization.
  const auto end_user = oauth::token_end_user(deps.store, *claims, deps.pairwise_key);
  if (!end_user) return core::fail(end_user.error());
  if (!*end_user) return core::fail(invalid_token("token has no end-user"));
  const store::User& user = **end_user;
  const auto client = deps.store.clients().find(claims->client_id);
  if (!client || !client->is_active) return core::fail(invalid_token("client gone or disabled"));
  std::vector<std::string> granted;
  if (!oauth::parse_scope(claims->scope, granted)) return core::fail(invalid_token("malformed scope"));
  if (std::find(granted.begin(), granted.end(), kOpenIdScope) == granted.end())
    return core::fail(oauth::make_error(oauth::ErrorCode::insufficient_scope,
                                        "This request needs an access token with scope openid"));

  boost::json::object body;
  body["sub"] = subject_for(*client, user.id, deps.pairwise_key);
  std::vector<oauth::RequestedClaim> requested;
  for (const auto& name : claims->userinfo_claims) requested.push_back({name, false, {}});
  oauth::restrict_claims(requested, oauth::claims_of_scopes(client->scope));
  for (const auto& kv : user_claims(user, granted, requested))
    if (kv.key() != "sub") body[kv.key()] = kv.value();
  if (const auto alg = userinfo_signing_alg(*client)) {
    const auto key = deps.keys.active(*alg);
    if (!key) throw std::runtime_error("no signing key for " + std::string(jose::to_string(*alg)));
    return UserInfoAnswer{sign_userinfo(*key, std::move(body), deps.issuer, client->id), true, client->id};
  }
  return UserInfoAnswer{boost::json::serialize(body), false, client->id};
}

}  // namespace authly::oidc
