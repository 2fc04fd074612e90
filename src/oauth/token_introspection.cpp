#include "oauth/token_introspection.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

#include "crypto/hash.hpp"
#include "oauth/access_token.hpp"
#include "oauth/introspection_access.hpp"
#include "oauth/subject.hpp"
#include "oauth/token_user.hpp"

namespace authly::oauth {
namespace {

// Tokens of a user disabled since issue are no longer active (RFC 7662 §2.2 leaves "active" to
// the server's policy; disabling should take effect before the access token's exp).
bool subject_usable(store::Store& store, const std::string& user_id) {
  if (user_id.empty()) return true;
  auto user = store.users().find_by_id(user_id);
  return !user || user->is_active;  // no such user: a client subject (client_credentials)
}

// The token's verified claims: from the cache while the token has not expired, else verified now
// (and cached). Revocation is checked here on every call, never cached (RFC 7009 §2: a revoked
// token is invalid at once).
std::optional<AccessTokenClaims> verified_claims(store::Store& store, const jose::JwkSet& published,
                                                 std::string_view issuer, std::string_view token, core::TimePoint now,
                                                 VerifiedTokenCache* cache) {
  std::optional<AccessTokenClaims> claims = cache ? cache->find(token, now) : std::nullopt;
  if (!claims) {
    auto verified = verify_access_token_signature(token, published, issuer, now);
    if (!verified) return std::nullopt;
    if (cache) cache->insert(token, *verified);
    claims = std::move(*verified);
  }
  if (store.tokens().is_access_token_denied(claims->jti)) return std::nullopt;
  return claims;
}

std::optional<boost::json::object> as_access_token(store::Store& store, const jose::JwkSet& published,
                                                   std::string_view issuer, const store::Client& caller,
                                                   std::string_view token, core::TimePoint now,
                                                   std::string_view pairwise_key, VerifiedTokenCache* cache) {
  auto claims = verified_claims(store, published, issuer, token, now, cache);
  // RFC 7662 §4: only the token's client, or a resource server it is meant for, learns about it.
  if (!claims || !may_introspect_access_token(caller.id, claims->client_id, claims->audience, issuer))
    return std::nullopt;
  // `sub` is already the client's subject; the user behind it is sealed (oauth/token_user.hpp).
  if (!token_end_user(store, *claims, pairwise_key)) return std::nullopt;
  boost::json::object o;
  o["active"] = true;
  if (!claims->scope.empty()) o["scope"] = claims->scope;
  o["client_id"] = claims->client_id;
  o["sub"] = claims->subject;
  o["exp"] = core::to_unix(claims->expires_at);
  o["iat"] = core::to_unix(claims->issued_at);
  o["iss"] = claims->issuer;
  if (claims->audience.size() == 1) {
    o["aud"] = claims->audience.front();
  } else {
    boost::json::array aud;
    for (const auto& a : claims->audience) aud.emplace_back(a);
    o["aud"] = std::move(aud);
  }
  o["token_type"] = "Bearer";
  o["jti"] = claims->jti;
  return o;
}

std::optional<boost::json::object> as_refresh_token(store::Store& store, std::string_view issuer,
                                                    const store::Client& caller, std::string_view token,
                                                    core::TimePoint now, std::string_view pairwise_key) {
  auto row = store.tokens().find_refresh(crypto::sha256_hex(token));
  if (!row || row->client_id != caller.id || row->rotated_at || row->revoked_at) return std::nullopt;
  const auto exp = std::min(row->expires_at, row->idle_expires_at);
  if (now >= exp || !subject_usable(store, row->user_id)) return std::nullopt;
  boost::json::object o;
  o["active"] = true;
  if (!row->scope.empty()) o["scope"] = row->scope;
  o["client_id"] = row->client_id;
  // OIDC Core §8: the caller is the token's client; it reads the user as its own subject.
  o["sub"] = row->user_id.empty() ? row->client_id : subject_for(caller, row->user_id, pairwise_key);
  o["exp"] = core::to_unix(exp);
  o["iat"] = core::to_unix(row->created_at);
  o["iss"] = std::string(issuer);
  o["token_type"] = "refresh_token";
  return o;
}

}  // namespace

std::string introspect_token(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                             const store::Client& caller, std::string_view token, std::string_view token_type_hint,
                             core::TimePoint now, std::string_view pairwise_key, VerifiedTokenCache* cache) {
  std::optional<boost::json::object> found;
  if (!token.empty()) {
    // §2.1: the hint orders the search, and an unhelpful hint still finds the token.
    const bool jwt_first = token_type_hint != "refresh_token";
    found = jwt_first ? as_access_token(store, published, issuer, caller, token, now, pairwise_key, cache)
                      : as_refresh_token(store, issuer, caller, token, now, pairwise_key);
    if (!found)
      found = jwt_first ? as_refresh_token(store, issuer, caller, token, now, pairwise_key)
                        : as_access_token(store, published, issuer, caller, token, now, pairwise_key, cache);
  }
  if (!found) return R"({"active":false})";
  return boost::json::serialize(*found);
}

}  // namespace authly::oauth
