#pragma once
// Authorization codes for token-endpoint tests, issued the way the authorization endpoint issues
// them (oauth::authorize::issue_code), so no test builds a code row of its own. Header-only: only
// the tiers that link oauth use it.
#include <chrono>
#include <stdexcept>
#include <string>

#include "oauth/authorize/code_issuance.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::test {

// RFC 7636 Appendix B: the S256 challenge of kTestCodeVerifier.
inline const std::string kTestCodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
inline const std::string kTestCodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// A browser session of `user_id` signed in at `now` with a password, open for a year: what the
// codes of issue_test_code() name as their approving sign-in.
inline store::Session test_session(const std::string& user_id, core::TimePoint now,
                                   const std::string& id_hash = "session-hash") {
  store::Session session;
  session.id_hash = id_hash;
  session.user_id = user_id;
  session.sid = id_hash + "-sid";
  session.amr = "pwd";
  session.auth_time = session.created_at = session.last_seen_at = now;
  session.expires_at = now + std::chrono::hours(24 * 365);
  return session;
}

struct TestCodeRequest {
  std::string client_id;
  std::string session_hash;  // an existing session's id_hash: whose sign-in approved the code
  std::string code_challenge = kTestCodeChallenge;
  std::string redirect_uri = "https://app.example/cb";  // empty: the request named none
  std::string scope = "openid profile";
  std::string nonce = "n-1";
};

// Issues a code for `r` at `now` (valid 60 s) and returns it as the client receives it. Throws
// std::invalid_argument when the client or the session is not in the store.
inline std::string issue_test_code(store::Store& store, core::Random& rng, core::TimePoint now,
                                   const TestCodeRequest& r) {
  const auto client = store.clients().find(r.client_id);
  if (!client) throw std::invalid_argument("issue_test_code: no client " + r.client_id);
  const auto session = store.sessions().find(r.session_hash);
  if (!session) throw std::invalid_argument("issue_test_code: no session " + r.session_hash);
  oauth::authorize::AuthorizationRequest request;
  request.client_id = r.client_id;
  request.redirect_uri = r.redirect_uri;
  request.redirect_uri_given = !r.redirect_uri.empty();
  if (!oauth::parse_scope(r.scope, request.scopes)) throw std::invalid_argument("issue_test_code: bad scope");
  request.nonce = r.nonce;
  request.code_challenge = r.code_challenge;
  return oauth::authorize::issue_code({store, rng, std::chrono::seconds(60)}, request, *client, *session, now);
}

}  // namespace authly::test
