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
  auto claims = verify_access_token(request.token, published, issuer, now, store.tokens());
  if (!claims) return false;
  if (claims->client_id != caller.id) return true;
  store.tokens().deny_access_token(claims->jti, claims->expires_at);
  audit(store, now, "token.revoked", caller.id, claims->subject, request.client_ip, R"({"token_type":"access_token"})");
  return true;
}

}  // namespace

void revoke_token(store::Store& store, const jose::JwkSet& published, std::string_view issuer,
                  const store::Client& caller, const RevocationRequest& request, core::TimePoint now) {
  if (request.token.empty()) return;
  // §2.1: the hint only orders the search; a wrong or unknown hint still finds the token.
  if (request.token_type_hint == "access_token") {
    if (!revoke_access(store, published, issuer, caller, request, now)) revoke_refresh(store, caller, request, now);
    return;
  }
  if (!revoke_refresh(store, caller, request, now)) revoke_access(store, published, issuer, caller, request, now);
}

}  // namespace authly::oauth
