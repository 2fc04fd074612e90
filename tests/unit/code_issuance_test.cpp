// The authorization code row (RFC 6749 §4.1.2, OAuth 2.1 §4.1.3): bound to what the token request
// is checked against, stored only hashed, alive for the configured lifetime; the approving session
// learns the client (Back-Channel Logout 1.0 §2.5).
#include "oauth/authorize/code_issuance.hpp"

#include <gtest/gtest.h>

#include "crypto/hash.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth::authorize {
namespace {

using std::chrono::seconds;

const core::TimePoint kNow = core::from_unix(1'700'000'000);

AuthorizationRequest request(bool redirect_uri_given) {
  AuthorizationRequest r;
  r.client_id = "c1";
  r.redirect_uri = "https://app.example/cb";
  r.redirect_uri_given = redirect_uri_given;
  r.scopes = {"openid", "profile"};
  r.nonce = "n-1";
  r.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  r.claims = R"({"userinfo":{"email":null}})";
  return r;
}

store::Client client() {
  store::Client c;
  c.id = "c1";
  return c;
}

store::Session session() {
  store::Session s;
  s.id_hash = "session-hash";
  s.user_id = "u1";
  s.auth_time = kNow - seconds(30);
  return s;
}

TEST(CodeIssuance, TheRowBindsClientUserPkceNonceClaimsAndSession) {
  const auto row = code_row(request(true), client(), session(), "code-hash", kNow, seconds(60));
  EXPECT_EQ(row.code_hash, "code-hash");
  EXPECT_EQ(row.client_id, "c1");
  EXPECT_EQ(row.user_id, "u1");
  EXPECT_EQ(row.scope, "openid profile");
  EXPECT_EQ(row.code_challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_EQ(row.code_challenge_method, "S256");
  EXPECT_EQ(row.nonce, "n-1");
  EXPECT_EQ(row.claims, R"({"userinfo":{"email":null}})");
  EXPECT_EQ(row.session_id, "session-hash");
  EXPECT_EQ(row.auth_time, kNow - seconds(30));  // the sign-in's time, not the code's
  EXPECT_FALSE(row.consumed_at.has_value());
}

TEST(CodeIssuance, ExpiresAfterTheConfiguredLifetime) {
  const auto row = code_row(request(true), client(), session(), "h", kNow, seconds(60));
  EXPECT_EQ(row.created_at, kNow);
  EXPECT_EQ(row.expires_at, kNow + seconds(60));
}

// OAuth 2.1 §4.1.3: the token request repeats redirect_uri only if the authorization request had it.
TEST(CodeIssuance, RedirectUriIsRecordedOnlyWhenTheRequestGaveIt) {
  EXPECT_EQ(code_row(request(true), client(), session(), "h", kNow, seconds(60)).redirect_uri,
            "https://app.example/cb");
  EXPECT_EQ(code_row(request(false), client(), session(), "h", kNow, seconds(60)).redirect_uri, "");
}

TEST(CodeIssuance, IssueStoresOnlyTheHashAndTellsTheSessionAboutTheClient) {
  auto store = test::memory_store();
  store->clients().create(client());
  auto s = session();
  s.sid = "sid-1";
  s.created_at = kNow - seconds(30);
  s.last_seen_at = kNow;
  s.expires_at = kNow + seconds(3600);
  store->sessions().create(s);
  core::SystemRandom rng;

  const auto code = issue_code({*store, rng, seconds(60)}, request(true), client(), s, kNow);
  EXPECT_GE(code.size(), 43u);  // 256 bits, base64url
  EXPECT_TRUE(store->codes().find(crypto::sha256_hex(code)));
  EXPECT_FALSE(store->codes().find(code));  // never stored in the clear
  const auto clients = store->sessions().clients(s.id_hash);
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(clients[0], "c1");
}

}  // namespace
}  // namespace authly::oauth::authorize
