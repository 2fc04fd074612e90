#include "oauth/access_token.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "jose/jws.hpp"
#include "jose/jwt_claims.hpp"

namespace authly::oauth {
namespace {

OAuthError invalid_token(std::string detail) {
  return make_error(ErrorCode::invalid_token, "The access token is invalid, expired or revoked", std::move(detail));
}

std::optional<std::string> string_claim(const boost::json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

}  // namespace

std::string issue_access_token(const jose::SigningKey& key, const AccessTokenClaims& c) {
  boost::json::object o;
  o["iss"] = c.issuer;
  o["sub"] = c.subject;
  if (c.audience.size() == 1) {
    o["aud"] = c.audience.front();
  } else {
    boost::json::array aud;
    for (const auto& a : c.audience) aud.emplace_back(a);
    o["aud"] = std::move(aud);
  }
  o["client_id"] = c.client_id;
  o["iat"] = core::to_unix(c.issued_at);
  o["exp"] = core::to_unix(c.expires_at);
  o["jti"] = c.jti;
  if (!c.scope.empty()) o["scope"] = c.scope;
  if (c.auth_time) o["auth_time"] = core::to_unix(*c.auth_time);
  if (!c.userinfo_claims.empty()) {
    boost::json::array names;
    for (const auto& n : c.userinfo_claims) names.emplace_back(n);
    o[kUserinfoClaimsClaim] = std::move(names);
  }
  if (!c.sealed_user.empty()) o[kTokenUserClaim] = c.sealed_user;
  return jose::sign(key, jose::HeaderParams{.typ = "at+jwt"}, boost::json::serialize(o));
}

core::Result<AccessTokenClaims, OAuthError> verify_access_token(std::string_view token, const jose::JwkSet& keys,
                                                                std::string_view issuer, core::TimePoint now,
                                                                store::TokenRepository& deny_list,
                                                                std::chrono::seconds leeway) {
  auto claims = verify_access_token_signature(token, keys, issuer, now, leeway);
  if (claims && deny_list.is_access_token_denied(claims->jti)) return core::fail(invalid_token("revoked"));
  return claims;
}

core::Result<AccessTokenClaims, OAuthError> verify_access_token_signature(std::string_view token,
                                                                          const jose::JwkSet& keys,
                                                                          std::string_view issuer, core::TimePoint now,
                                                                          std::chrono::seconds leeway) {
  auto verified = jose::verify(token, keys, jose::AlgorithmSet::asymmetric());
  if (!verified) return core::fail(invalid_token("signature: " + verified.error().message));
  // RFC 9068 §4: the typ header must be at+jwt (or application/at+jwt), so an ID token or a
  // logout token signed by the same key cannot pass as an access token.
  auto typ = verified->header.find("typ");
  if (typ == verified->header.end() || !typ->value().is_string() ||
      (typ->value().as_string() != "at+jwt" && typ->value().as_string() != "application/at+jwt"))
    return core::fail(invalid_token("typ is not at+jwt"));
  auto claims = jose::parse_claims(verified->payload);
  if (!claims) return core::fail(invalid_token("claims: " + claims.error().message));
  const boost::json::object& o = *claims;

  AccessTokenClaims out;
  const auto iss = string_claim(o, "iss");
  if (!iss || *iss != issuer) return core::fail(invalid_token("wrong issuer"));
  out.issuer = *iss;
  auto exp = o.find("exp");
  if (exp == o.end() || !exp->value().is_int64()) return core::fail(invalid_token("exp missing"));
  out.expires_at = *jose::numeric_date_claim(o, "exp");  // saturated: no overflow with the leeway below
  if (out.expires_at + leeway <= now) return core::fail(invalid_token("expired"));
  auto iat = o.find("iat");
  if (iat != o.end() && iat->value().is_int64()) out.issued_at = *jose::numeric_date_claim(o, "iat");
  const auto jti = string_claim(o, "jti");
  if (!jti || jti->empty()) return core::fail(invalid_token("jti missing"));
  out.jti = *jti;
  if (const auto s = string_claim(o, "sub")) out.subject = *s;
  if (const auto s = string_claim(o, "client_id")) out.client_id = *s;
  if (const auto s = string_claim(o, "scope")) out.scope = *s;
  if (const auto s = string_claim(o, kTokenUserClaim)) out.sealed_user = *s;
  if (auto aud = o.find("aud"); aud != o.end()) {
    if (aud->value().is_string()) out.audience.emplace_back(aud->value().as_string());
    if (aud->value().is_array())
      for (const auto& a : aud->value().as_array())
        if (a.is_string()) out.audience.emplace_back(a.as_string());
  }
  if (auto at = o.find("auth_time"); at != o.end() && at->value().is_int64())
    out.auth_time = *jose::numeric_date_claim(o, "auth_time");
  // Anything but an array of strings names nothing.
  if (auto names = o.find(kUserinfoClaimsClaim); names != o.end() && names->value().is_array())
    for (const auto& name : names->value().as_array())
      if (name.is_string()) out.userinfo_claims.emplace_back(name.as_string());
  return out;
}

}  // namespace authly::oauth
