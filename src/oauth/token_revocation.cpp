#include "oauth/token_revocation.hpp"

#include "crypto/hash.hpp"
#include "oauth/access_token.hpp"
#include "oauth/grants/token_issuer.hpp"

namespace authly::oauth {
namespace {

bool revoke_refresh(store::Store& store, const store::Client& caller, const RevocationRequest& request,
                    core::TimePoint now) {
  auto token = store.tokens().find_refresh(crypto::sha256_hex(request.token));
  if (!token) return false;
  if (token->client_id != caller.id) return true;  // recognised, but not the caller's: no effect (§2.1)
  const auto refresh = store.tokens().revoke_family(token->family_id, now);
  const auto access = store.tokens().deny_family_access_tokens(token->family_id);
  audit(store, now, "token.revoked", caller.id, token->user_id, request.client_ip,
        R"({"token_type":"refresh_token","refresh_tokens":)" + std::to_string(refresh) + R"(,"access_tokens":)" +
            std::to_string(access) + "}");
  return true;
}

bool revoke_access(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                   const store::Client& caller, const RevocationRequest& request, core::TimePoint now) {
  // The deny-list read stays: a token revoked already is left alone (no second write, no second
  // audit event), and a read does not wait for the database's write lock.
  auto claims = verify_access_token(request.token, published, issuer, now, store.tokens());
  if (!claims) return false;
  if (claims->client_id != caller.id) return true;
  store.tokens().deny_access_token(claims->jti, claims->expires_at);
  audit(store, now, "token.revoked", caller.id, claims->subject, request.client_ip, R"({"token_type":"access_token"})");
  return true;
}

}  // namespace

bool looks_like_jwt(std::string_view token) { return token.find('.') != std::string_view::npos; }

void revoke_token(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                  const store::Client& caller, const RevocationRequest& request, core::TimePoint now) {
  if (request.token.empty()) return;
  // §2.1: the hint only orders the search, and the server "MAY ignore this parameter, particularly
  // if it is able to detect the token type automatically". Authly can: access tokens are JWS
  // compact serializations (RFC 7515 §7.1, dot-separated) and refresh tokens are base64url without
  // a dot, so the shape decides the order and a JWT costs no refresh-token lookup. A token of either
  // shape is still looked up both ways when the first does not find it.
  if (looks_like_jwt(request.token)) {
    if (!revoke_access(store, published, issuer, caller, request, now)) revoke_refresh(store, caller, request, now);
    return;
  }
  if (!revoke_refresh(store, caller, request, now)) revoke_access(store, published, issuer, caller, request, now);
}

}  // namespace authly::oauth
