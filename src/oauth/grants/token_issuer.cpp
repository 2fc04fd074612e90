#include "oauth/grants/token_issuer.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "oauth/access_token.hpp"

namespace authly::oauth {

std::string to_json(const TokenResponse& r) {
  boost::json::object o;
  o["access_token"] = r.access_token;
  o["token_type"] = r.token_type;
  o["expires_in"] = r.expires_in;
  if (!r.refresh_token.empty()) o["refresh_token"] = r.refresh_token;
  if (!r.scope.empty()) o["scope"] = r.scope;  // RFC 6749 §5.1: the granted scope
  return boost::json::serialize(o);
}

MintedAccessToken mint_access_token(const GrantContext& ctx, const std::string& client_id, const std::string& subject,
                                    const std::string& scope, std::optional<core::TimePoint> auth_time) {
  AccessTokenClaims claims;
  claims.issuer = ctx.policy.issuer;
  claims.subject = subject;
  claims.client_id = client_id;
  claims.audience = {ctx.policy.issuer};
  claims.scope = scope;
  claims.jti = crypto::uuid_v4(ctx.rng);
  claims.issued_at = ctx.now;
  claims.expires_at = ctx.now + ctx.policy.access_token_ttl;
  claims.auth_time = auth_time;
  MintedAccessToken out;
  out.token = issue_access_token(*ctx.signing_key, claims);
  out.jti = claims.jti;
  out.expires_at = claims.expires_at;
  return out;
}

std::string create_refresh_token(GrantContext& ctx, store::Store& tx, store::RefreshToken row) {
  std::string token = core::random_token(ctx.rng, 32);
  row.token_hash = crypto::sha256_hex(token);
  row.created_at = ctx.now;
  tx.tokens().create_refresh(row);
  return token;
}

void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, std::string detail) {
  store.audit().append({0, at, std::move(type), std::move(actor), std::move(subject), ip, std::move(detail)});
}

}  // namespace authly::oauth
