#include "oauth/authorize/code_issuance.hpp"

#include "crypto/hash.hpp"

namespace authly::oauth::authorize {

store::AuthorizationCode code_row(const AuthorizationRequest& r, const store::Client& client,
                                  const store::Session& session, const std::string& code_hash, core::TimePoint now,
                                  std::chrono::seconds code_ttl) {
  store::AuthorizationCode row;
  row.code_hash = code_hash;
  row.client_id = client.id;
  row.user_id = session.user_id;
  // As requested: empty when the request omitted it, so the token endpoint knows whether its
  // request must repeat it (OAuth 2.1 §4.1.3).
  row.redirect_uri = r.redirect_uri_given ? r.redirect_uri : "";
  row.scope = scope_string(r);
  row.code_challenge = r.code_challenge;
  row.code_challenge_method = r.code_challenge_method;
  row.nonce = r.nonce;
  row.claims = r.claims;
  row.session_id = session.id_hash;
  row.auth_time = session.auth_time;  // the ID token's auth_time (OIDC Core §2)
  row.created_at = now;
  row.expires_at = now + code_ttl;
  return row;
}

std::string issue_code(const CodeIssueDeps& deps, const AuthorizationRequest& request, const store::Client& client,
                       const store::Session& session, core::TimePoint now) {
  std::string code = core::random_token(deps.rng, 32);
  deps.store.codes().create(code_row(request, client, session, crypto::sha256_hex(code), now, deps.code_ttl));
  deps.store.sessions().add_client(session.id_hash, client.id, now);
  return code;
}

}  // namespace authly::oauth::authorize
