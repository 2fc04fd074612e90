#include "oauth/grants/refresh_token_grant.hpp"

#include <algorithm>

#include "crypto/hash.hpp"
#include "oauth/client_grants.hpp"
#include "oauth/grants/requested_scope.hpp"
#include "oauth/grants/token_issuer.hpp"
#include "oauth/session_lifetime.hpp"

namespace authly::oauth {
namespace {

OAuthError invalid_grant(std::string detail) {
  return make_error(ErrorCode::invalid_grant, "invalid, expired or revoked refresh token", std::move(detail));
}

void revoke_on_reuse(GrantContext& ctx, const store::RefreshToken& token) {
  const auto refresh = ctx.store.tokens().revoke_family(token.family_id, ctx.now);
  const auto access = ctx.store.tokens().deny_family_access_tokens(token.family_id);
  audit(ctx.store, ctx.now, "refresh.reuse_detected", token.client_id, token.user_id, ctx.client_ip,
        R"({"family_id":")" + token.family_id + R"(","refresh_tokens":)" + std::to_string(refresh) +
            R"(,"access_tokens":)" + std::to_string(access) + "}");
}

// OIDC Core §11: a refresh token granted without offline_access lives only as long as the browser
// session that approved it. The session is over: the family goes with it, committed although the
// request fails.
void revoke_with_session(GrantContext& ctx, const store::RefreshToken& token) {
  const auto refresh = ctx.store.tokens().revoke_family(token.family_id, ctx.now);
  audit(ctx.store, ctx.now, "token.revoked", token.client_id, token.user_id, ctx.client_ip,
        R"({"reason":"session_ended","family_id":")" + token.family_id + R"(","refresh_tokens":)" +
            std::to_string(refresh) + "}");
}

}  // namespace

core::Result<TokenResponse, OAuthError> refresh_token_grant(GrantContext& ctx, const store::Client& client,
                                                            const RefreshTokenRequest& request) {
  if (!client_allows(client, "refresh_token"))
    return core::fail(make_error(ErrorCode::unauthorized_client, "client may not use the refresh_token grant"));
  if (request.refresh_token.empty())
    return core::fail(make_error(ErrorCode::invalid_request, "refresh_token is required"));

  const std::string hash = crypto::sha256_hex(request.refresh_token);
  auto token = ctx.store.tokens().find_refresh(hash);
  if (!token) return core::fail(invalid_grant("unknown refresh token"));
  // §6: bound to the client it was issued to. Another client's attempt changes nothing.
  if (token->client_id != client.id) return core::fail(invalid_grant("refresh token of another client"));
  if (token->revoked_at) return core::fail(invalid_grant("refresh token revoked"));
  if (token->rotated_at) {
    revoke_on_reuse(ctx, *token);
    return core::fail(invalid_grant("refresh token reused"));
  }
  if (ctx.now >= token->expires_at || ctx.now >= token->idle_expires_at)
    return core::fail(invalid_grant("refresh token expired"));
  // An empty session_id is a grant without a browser session (password grant) or an offline one.
  const bool session_bound = !token->offline && !token->session_id.empty();
  auto session = session_bound ? ctx.store.sessions().find_active(token->session_id, ctx.now) : std::nullopt;
  if (session_bound && (!session || !session_alive(*session, ctx.now, ctx.policy.session_idle_ttl))) {
    revoke_with_session(ctx, *token);
    return core::fail(invalid_grant("the browser session of this refresh token has ended"));
  }
  auto scope = narrow_scope(request.scope, token->scope, token->scope);
  if (!scope) return core::fail(std::move(scope).error());
  if (!token->user_id.empty()) {
    auto user = ctx.store.users().find_by_id(token->user_id);
    if (!user || !user->is_active) return core::fail(invalid_grant("user missing or disabled"));
  }

  auto access =
      mint_access_token(ctx, client, token->user_id, *scope,
                        token->user_id.empty() ? std::nullopt : std::optional(token->auth_time), token->claims);
  TokenResponse out;
  out.access_token = access.token;
  out.expires_in = ctx.policy.access_token_ttl.count();
  out.scope = *scope;
  // OIDC Core §12.2: the new ID token repeats the original authentication (auth_time, sid, acr,
  // amr) and carries no nonce. The (possibly narrowed) scope of this response decides.
  out.id_token = maybe_id_token(ctx, {.client = client,
                                      .user_id = token->user_id,
                                      .scope = *scope,
                                      .nonce = {},
                                      .auth_time = token->auth_time,
                                      .sid = token->sid,
                                      .acr = token->acr,
                                      .amr = token->amr,
                                      .claims = token->claims,
                                      .access_token = access.token});
  bool reused = false;
  ctx.store.transaction([&](store::Store& tx) {
    // The atomic rotation decides between two racing uses of the same token: the loser is reuse.
    auto previous = tx.tokens().rotate_refresh(hash, ctx.now);
    if (!previous) {
      reused = true;
      return;
    }
    store::RefreshToken next = *previous;
    next.parent_hash = hash;
    next.rotated_at.reset();
    next.revoked_at.reset();
    // §6: the new refresh token keeps the original scope; only this access token is narrowed.
    next.idle_expires_at = std::min(previous->expires_at, ctx.now + ctx.policy.refresh_idle_ttl);
    out.refresh_token = create_refresh_token(ctx, tx, std::move(next));
    tx.tokens().record_family_access_token(previous->family_id, access.jti, access.expires_at);
    audit(tx, ctx.now, "token.issued", client.id, token->user_id, ctx.client_ip, R"({"grant_type":"refresh_token"})");
  });
  if (reused) {
    revoke_on_reuse(ctx, *token);
    return core::fail(invalid_grant("refresh token reused concurrently"));
  }
  // The user is active in an application of this session: keep the session from idling out
  // (recorded at most once per touch_interval, like every other use).
  if (session && should_record_use(session->last_seen_at, ctx.now, ctx.policy.session_idle_ttl))
    ctx.store.sessions().touch(session->id_hash, ctx.now);
  return out;
}

}  // namespace authly::oauth
