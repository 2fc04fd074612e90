#include "oauth/grants/authorization_code_grant.hpp"

#include <algorithm>
#include <optional>

#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "oauth/client_grants.hpp"
#include "oauth/grants/token_issuer.hpp"
#include "oauth/pkce.hpp"

namespace authly::oauth {
namespace {

OAuthError invalid_grant(std::string detail) {
  // One description for unknown, expired, replayed and foreign codes (no oracle for code guessing).
  return make_error(ErrorCode::invalid_grant, "invalid, expired or already used authorization code", std::move(detail));
}

// The code was exchanged before: revoke what that exchange issued, each statement committed on its own.
void revoke_replayed(GrantContext& ctx, const store::AuthorizationCode& code, const std::string& presenter) {
  std::int64_t refresh = 0;
  std::int64_t access = 0;
  if (!code.family_id.empty()) {
    refresh = ctx.store.tokens().revoke_family(code.family_id, ctx.now);
    access = ctx.store.tokens().deny_family_access_tokens(code.family_id);
  }
  audit(ctx.store, ctx.now, "token.revoked", presenter, code.user_id, ctx.client_ip,
        R"({"reason":"code_replay","client_id":")" + code.client_id + R"(","refresh_tokens":)" +
            std::to_string(refresh) + R"(,"access_tokens":)" + std::to_string(access) + "}");
}

}  // namespace

core::Result<TokenResponse, OAuthError> authorization_code_grant(GrantContext& ctx, const store::Client& client,
                                                                 const AuthorizationCodeRequest& request) {
  if (!client_allows(client, "authorization_code"))
    return core::fail(make_error(ErrorCode::unauthorized_client, "client may not use the authorization_code grant"));
  if (request.code.empty()) return core::fail(make_error(ErrorCode::invalid_request, "code is required"));

  const std::string code_hash = crypto::sha256_hex(request.code);
  // RFC 6749 §4.1.3: the code was issued to this client. The consume matches only the owner's code,
  // so another client's attempt neither spends it nor counts as a replay (which would revoke the
  // owner's tokens): whoever learns a code cannot use it to cut off the client it belongs to.
  // The family is named in the same statement, before anything is issued under it, so that a
  // replay racing this exchange finds what to revoke.
  const std::string family_id = crypto::uuid_v4(ctx.rng);
  auto code = ctx.store.codes().consume(code_hash, client.id, ctx.now, family_id);
  if (!code) {
    auto seen = ctx.store.codes().find(code_hash);
    if (seen && seen->client_id != client.id) return core::fail(invalid_grant("code issued to another client"));
    if (seen && seen->consumed_at) {
      revoke_replayed(ctx, *seen, client.id);
      return core::fail(invalid_grant("authorization code replayed"));
    }
    return core::fail(invalid_grant(seen ? "authorization code expired" : "unknown authorization code"));
  }
  // §4.1.3: redirect_uri must be identical when the authorization request carried one; otherwise a
  // redirect_uri, if sent, must at least be registered.
  if (!code->redirect_uri.empty()) {
    if (!request.redirect_uri || *request.redirect_uri != code->redirect_uri)
      return core::fail(invalid_grant("redirect_uri differs from the authorization request"));
  } else if (request.redirect_uri && std::find(client.redirect_uris.begin(), client.redirect_uris.end(),
                                               *request.redirect_uri) == client.redirect_uris.end()) {
    return core::fail(invalid_grant("redirect_uri is not registered"));
  }
  auto pkce = check_code_verifier(code->code_challenge, code->code_challenge_method, request.code_verifier.has_value(),
                                  request.code_verifier.value_or(""));
  if (!pkce) return core::fail(std::move(pkce).error());
  // A user disabled since approving gets nothing.
  auto user = ctx.store.users().find_by_id(code->user_id);
  if (!user || !user->is_active) return core::fail(invalid_grant("user missing or disabled"));

  TokenResponse out;
  out.scope = code->scope;
  out.expires_in = ctx.policy.access_token_ttl.count();
  auto access = mint_access_token(ctx, client, code->user_id, code->scope, code->auth_time, code->claims);
  out.access_token = access.token;
  // The browser session that approved the code names the authentication (sid, acr, amr), whatever
  // its state now: a logout after the approval still ends what this exchange issues (below).
  std::optional<store::Session> session;
  if (!code->session_id.empty()) session = ctx.store.sessions().find(code->session_id);
  const std::string sid = session ? session->sid : std::string();
  const std::string acr = session ? session->acr : std::string();
  const std::string amr = session ? session->amr : std::string();
  out.id_token = maybe_id_token(ctx, {.client = client,
                                      .user_id = code->user_id,
                                      .scope = code->scope,
                                      .nonce = code->nonce,
                                      .auth_time = code->auth_time,
                                      .sid = sid,
                                      .acr = acr,
                                      .amr = amr,
                                      .claims = code->claims,
                                      .access_token = access.token});
  // OIDC Core §11: only offline_access lets a refresh token outlive the browser session; without
  // it the token is bound to the session and dies with it (logout, expiry).
  const bool offline = scope_has(code->scope, "offline_access");
  ctx.store.transaction([&](store::Store& tx) {
    tx.tokens().record_family_access_token(family_id, access.jti, access.expires_at);
    if (client_allows(client, "refresh_token")) {
      store::RefreshToken row;
      row.family_id = family_id;
      row.client_id = client.id;
      row.user_id = code->user_id;
      row.scope = code->scope;
      row.offline = offline;
      row.session_id = offline ? std::string() : code->session_id;
      row.sid = sid;
      row.acr = acr;
      row.amr = amr;
      row.claims = code->claims;
      row.auth_time = code->auth_time;
      row.expires_at = ctx.now + ctx.policy.refresh_absolute_ttl;
      row.idle_expires_at = std::min(row.expires_at, ctx.now + ctx.policy.refresh_idle_ttl);
      out.refresh_token = create_refresh_token(ctx, tx, std::move(row));
    }
    audit(tx, ctx.now, "token.issued", client.id, code->user_id, ctx.client_ip,
          std::string(R"({"grant_type":"authorization_code","refresh_token":)") +
              (out.refresh_token.empty() ? "false" : "true") + "}");
  });
  return out;
}

}  // namespace authly::oauth
