#include "oauth/grants/password_grant.hpp"

#include <algorithm>

#include "crypto/ids.hpp"
#include "oauth/client_grants.hpp"
#include "oauth/grants/requested_scope.hpp"
#include "oauth/grants/token_issuer.hpp"

namespace authly::oauth {

core::Result<TokenResponse, OAuthError> password_grant(GrantContext& ctx, const store::Client& client,
                                                       const PasswordRequest& request) {
  if (!ctx.policy.password_grant)
    return core::fail(make_error(ErrorCode::unsupported_grant_type, "the password grant is disabled"));
  if (!client_allows(client, "password"))
    return core::fail(make_error(ErrorCode::unauthorized_client, "client may not use the password grant"));
  if (!request.username || !request.password || request.username->empty())
    return core::fail(make_error(ErrorCode::invalid_request, "username and password are required"));
  // Scope first: a bad request must not spend a password attempt.
  auto scope = narrow_scope(request.scope, client.scope, client.scope);
  if (!scope) return core::fail(std::move(scope).error());

  auto login = check_password_login(ctx.store.users(), ctx.hasher, ctx.limiter, ctx.policy.login, *request.username,
                                    *request.password, ctx.client_ip, ctx.now);
  if (!login && login.error() == LoginFailure::busy)
    return core::fail(make_error(ErrorCode::temporarily_unavailable, "the server is busy, try again shortly",
                                 "password hashing capacity saturated"));
  if (!login) {
    // §5.2 invalid_grant for every cause; lockout and disabled accounts read like a wrong password
    // so the answer does not tell which accounts exist. The per-IP limit names itself: it reveals
    // nothing about accounts and tells a client to slow down.
    const bool throttled = login.error() == LoginFailure::rate_limited;
    return core::fail(make_error(ErrorCode::invalid_grant,
                                 throttled ? "too many attempts, try again later" : "invalid username or password",
                                 throttled ? "per-IP rate limit" : "password login refused"));
  }
  const store::User& user = *login;

  auto access = mint_access_token(ctx, client, user.id, *scope, ctx.now);
  TokenResponse out;
  out.access_token = access.token;
  out.expires_in = ctx.policy.access_token_ttl.count();
  out.scope = *scope;
  // No browser session: no sid; the password was checked just now (RFC 8176 "pwd").
  out.id_token = maybe_id_token(ctx, {.client = client,
                                      .user_id = user.id,
                                      .scope = *scope,
                                      .nonce = {},
                                      .auth_time = ctx.now,
                                      .sid = {},
                                      .acr = {},
                                      .amr = "pwd",
                                      .claims = {},
                                      .access_token = access.token});
  ctx.store.transaction([&](store::Store& tx) {
    const std::string family_id = crypto::uuid_v4(ctx.rng);
    tx.tokens().record_family_access_token(family_id, access.jti, access.expires_at);
    if (client_allows(client, "refresh_token")) {
      store::RefreshToken row;
      row.family_id = family_id;
      row.client_id = client.id;
      row.user_id = user.id;
      row.scope = *scope;
      row.offline = scope_has(*scope, "offline_access");  // there is no session to end it either way
      row.amr = "pwd";
      row.auth_time = ctx.now;
      row.expires_at = ctx.now + ctx.policy.refresh_absolute_ttl;
      row.idle_expires_at = std::min(row.expires_at, ctx.now + ctx.policy.refresh_idle_ttl);
      out.refresh_token = create_refresh_token(ctx, tx, std::move(row));
    }
    audit(tx, ctx.now, "token.issued", client.id, user.id, ctx.client_ip, R"({"grant_type":"password"})");
  });
  return out;
}

}  // namespace authly::oauth
