#include "oauth/grants/token_issuer.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "oauth/access_token.hpp"
#include "oauth/claims_request.hpp"
#include "oauth/subject.hpp"
#include "oauth/token_user.hpp"

namespace authly::oauth {

std::string to_json(const TokenResponse& r) {
  boost::json::object o;
  o["access_token"] = r.access_token;
  o["token_type"] = r.token_type;
  o["expires_in"] = r.expires_in;
  if (!r.refresh_token.empty()) o["refresh_token"] = r.refresh_token;
  if (!r.scope.empty()) o["scope"] = r.scope;  // RFC 6749 §5.1: the granted scope
  if (!r.id_token.empty()) o["id_token"] = r.id_token;
  return boost::json::serialize(o);
}

MintedAccessToken mint_access_token(const GrantContext& ctx, const store::Client& client, const std::string& user_id,
                                    const std::string& scope, std::optional<core::TimePoint> auth_time,
                                    const std::string& claims_request) {
  AccessTokenClaims claims;
  claims.issuer = ctx.policy.issuer;
  claims.client_id = client.id;
  if (user_id.empty()) {
    claims.subject = client.id;
  } else {
    claims.subject = subject_for(client, user_id, ctx.policy.pairwise_key);
    claims.sealed_user = seal_token_user(ctx.policy.pairwise_key, user_id, client.id, ctx.rng);
  }
  claims.audience = {ctx.policy.issuer};
  claims.scope = scope;
  claims.jti = crypto::uuid_v4(ctx.rng);
  claims.issued_at = ctx.now;
  claims.expires_at = ctx.now + ctx.policy.access_token_ttl;
  claims.auth_time = auth_time;
  if (!claims_request.empty())
    if (auto requested = parse_claims_request(claims_request))
      for (const auto& c : requested->userinfo) claims.userinfo_claims.push_back(c.name);
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

bool scope_has(std::string_view scope, std::string_view name) {
  while (!scope.empty()) {
    const auto space = scope.find(' ');
    if (scope.substr(0, space) == name) return true;
    if (space == std::string_view::npos) break;
    scope.remove_prefix(space + 1);
  }
  return false;
}

std::string maybe_id_token(const GrantContext& ctx, IdTokenRequest request) {
  if (ctx.id_tokens == nullptr || request.user_id.empty() || !scope_has(request.scope, "openid")) return {};
  request.now = ctx.now;
  return ctx.id_tokens->mint(request);
}

}  // namespace authly::oauth
