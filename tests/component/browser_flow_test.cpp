// The browser side of the authorization code flow over HTTP: login, consent, the code and what
// it stores, SSO, prompt and max_age, deny, form_post, logout.
#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(BrowserFlow, LoginConsentAndCodeRedirect) {
  Browser b(port());
  auto page = b.get(authorize_target());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(page.body, HasSubstr("<label for=\"username\">"));
  EXPECT_THAT(page.body, HasSubstr("autocomplete=\"current-password\""));
  EXPECT_EQ(field(page.body, "interaction").size(), 43u);
  EXPECT_EQ(field(page.body, "csrf").size(), 43u);
  EXPECT_TRUE(b.cookies.count("authly_interaction"));

  auto consent = login(b, page);
  ASSERT_EQ(consent.status, 200) << consent.body;
  EXPECT_THAT(consent.body, HasSubstr("Demo app"));
  EXPECT_THAT(consent.body, HasSubstr("value=\"allow\""));
  EXPECT_THAT(consent.body, HasSubstr("value=\"deny\""));
  ASSERT_TRUE(b.cookies.count("authly_session"));

  auto done = decide(b, consent, "allow");
  ASSERT_EQ(done.status, 303) << done.body;
  const auto location = done.header("Location").value_or("");
  EXPECT_EQ(location.rfind("https://app.example/cb?", 0), 0u) << location;
  auto q = query_of(location);
  EXPECT_EQ(q["state"], "st-42");
  EXPECT_EQ(q["iss"], "https://id.example.test");
  ASSERT_EQ(q["code"].size(), 43u);
  EXPECT_FALSE(b.cookies.count("authly_interaction"));  // the interaction is over

  // Stored only as a hash, with everything the token endpoint needs.
  auto row = store_->codes().find(crypto::sha256_hex(q["code"]));
  ASSERT_TRUE(row);
  EXPECT_FALSE(store_->codes().find(q["code"]));
  EXPECT_EQ(row->client_id, "app");
  EXPECT_EQ(row->user_id, alice_id_);
  EXPECT_EQ(row->redirect_uri, "https://app.example/cb");
  EXPECT_EQ(row->scope, "openid profile");
  EXPECT_EQ(row->code_challenge, kChallenge);
  EXPECT_EQ(row->code_challenge_method, "S256");
  EXPECT_EQ(row->nonce, "n-7");
  EXPECT_EQ(row->session_id, crypto::sha256_hex(b.cookies["authly_session"]));
  EXPECT_EQ(row->auth_time, clock_.now());
  EXPECT_EQ(row->expires_at, clock_.now() + seconds(config_.oauth.authorization_code_ttl_s));
  auto consent_row = store_->consents().find(alice_id_, "app");
  ASSERT_TRUE(consent_row);
  EXPECT_EQ(consent_row->scope, "openid profile");
}

TEST_F(BrowserFlow, SecondAuthorizationUsesTheSession) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  auto again = b.get(authorize_target({{"state", "second"}}));
  ASSERT_EQ(again.status, 302) << again.body;
  auto q = query_of(again.header("Location").value_or(""));
  EXPECT_EQ(q["state"], "second");
  EXPECT_EQ(q["code"].size(), 43u);
}

// oidc/session_activity: an SSO authorization records the session's use only once the last
// record is touch_interval old (60 s for the default 8 h idle lifetime), not on every request.
TEST_F(BrowserFlow, SessionUseIsRecordedAtMostOncePerTouchInterval) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  const auto session_hash = crypto::sha256_hex(b.cookies["authly_session"]);
  const auto signed_in_at = store_->sessions().find_active(session_hash, clock_.now())->last_seen_at;

  clock_.advance(seconds(59));
  ASSERT_EQ(b.get(authorize_target({{"state", "soon"}})).status, 302);
  EXPECT_EQ(store_->sessions().find_active(session_hash, clock_.now())->last_seen_at, signed_in_at);

  clock_.advance(seconds(1));  // 60 s since the last record
  ASSERT_EQ(b.get(authorize_target({{"state", "later"}})).status, 302);
  EXPECT_EQ(store_->sessions().find_active(session_hash, clock_.now())->last_seen_at, clock_.now());
}

TEST_F(BrowserFlow, ConsentRememberedForSubsetButAskedForMore) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  EXPECT_EQ(b.get(authorize_target({{"scope", "openid"}})).status, 302);
  auto more = b.get(authorize_target({{"scope", "openid email"}}));
  EXPECT_EQ(more.status, 200);
  EXPECT_THAT(more.body, HasSubstr("Allow access"));
  auto forced = b.get(authorize_target({{"prompt", "consent"}}));
  EXPECT_EQ(forced.status, 200);
  EXPECT_THAT(forced.body, HasSubstr("Allow access"));
}

TEST_F(BrowserFlow, ClientWithoutConsentRequirementSkipsConsent) {
  Browser b(port());
  auto page = b.get(authorize_target({}, "trusted"));
  ASSERT_EQ(page.status, 200);
  auto done = login(b, page);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(query_of(done.header("Location").value_or(""))["code"].size(), 43u);
}

TEST_F(BrowserFlow, PromptLoginForcesReauthentication) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  const auto old_session = b.cookies["authly_session"];
  auto page = b.get(authorize_target({{"prompt", "login"}}));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("name=\"password\""));
  clock_.advance(seconds(5));
  auto done = login(b, page);
  ASSERT_EQ(done.status, 303) << done.body;
  auto row = store_->codes().find(crypto::sha256_hex(query_of(done.header("Location").value_or(""))["code"]));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->auth_time, clock_.now());
  EXPECT_NE(b.cookies["authly_session"], old_session);
  EXPECT_FALSE(store_->sessions().find_active(crypto::sha256_hex(old_session), clock_.now()));
}

TEST_F(BrowserFlow, PromptLoginCannotBeSkippedByPostingConsent) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  auto page = b.get(authorize_target({{"prompt", "login consent"}}));
  ASSERT_THAT(page.body, HasSubstr("name=\"password\""));
  EXPECT_EQ(decide(b, page, "allow").status, 403);
}

TEST_F(BrowserFlow, MaxAgeElapsedForcesReauthentication) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  clock_.advance(seconds(120));
  EXPECT_EQ(b.get(authorize_target({{"max_age", "300"}})).status, 302);
  auto page = b.get(authorize_target({{"max_age", "60"}}));
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("name=\"password\""));
}

TEST_F(BrowserFlow, PromptNoneWithoutSessionIsLoginRequired) {
  Browser b(port());
  auto r = b.get(authorize_target({{"prompt", "none"}}));
  ASSERT_EQ(r.status, 302);
  auto q = query_of(r.header("Location").value_or(""));
  EXPECT_EQ(q["error"], "login_required");
  EXPECT_EQ(q["state"], "st-42");
  EXPECT_EQ(q["iss"], "https://id.example.test");
  EXPECT_FALSE(q.count("code"));
}

TEST_F(BrowserFlow, PromptNoneNeedingConsentIsConsentRequired) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  auto r = b.get(authorize_target({{"prompt", "none"}, {"scope", "openid email"}}));
  ASSERT_EQ(r.status, 302);
  EXPECT_EQ(query_of(r.header("Location").value_or(""))["error"], "consent_required");
  auto ok = b.get(authorize_target({{"prompt", "none"}}));
  EXPECT_EQ(query_of(ok.header("Location").value_or(""))["code"].size(), 43u);
}

TEST_F(BrowserFlow, DenyRedirectsAccessDenied) {
  Browser b(port());
  auto page = b.get(authorize_target());
  auto consent = login(b, page);
  auto denied = decide(b, consent, "deny");
  ASSERT_EQ(denied.status, 303);
  auto q = query_of(denied.header("Location").value_or(""));
  EXPECT_EQ(q["error"], "access_denied");
  EXPECT_EQ(q["state"], "st-42");
  EXPECT_EQ(q["iss"], "https://id.example.test");
  EXPECT_FALSE(store_->consents().find(alice_id_, "app"));
}

TEST_F(BrowserFlow, LoopbackRedirectWithAnyPort) {
  Browser b(port());
  auto r = b.get(authorize_target({{"redirect_uri", "http://127.0.0.1:53111/native"}, {"prompt", "none"}}));
  ASSERT_EQ(r.status, 302);
  EXPECT_EQ(r.header("Location").value_or("").rfind("http://127.0.0.1:53111/native?", 0), 0u);
}

TEST_F(BrowserFlow, PostAuthorizationRequestFollowsTheSameRules) {
  Browser b(port());
  const auto target = authorize_target();
  const auto body = target.substr(target.find('?') + 1);
  auto page =
      request(port(), "POST", "/oauth/authorize", {{"Content-Type", "application/x-www-form-urlencoded"}}, body);
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("name=\"password\""));
  auto dup = request(port(), "POST", "/oauth/authorize", {{"Content-Type", "application/x-www-form-urlencoded"}},
                     body + "&state=again");
  ASSERT_EQ(dup.status, 303);
  EXPECT_EQ(query_of(dup.header("Location").value_or(""))["error"], "invalid_request");
}

TEST_F(BrowserFlow, FormPostRendersAnAutoSubmitForm) {
  Browser b(port());
  auto page = b.get(authorize_target({{"response_mode", "form_post"}}, "trusted"));
  auto done = login(b, page);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_FALSE(done.header("Location"));
  EXPECT_THAT(done.body, HasSubstr("action=\"https://app.example/cb\""));
  EXPECT_EQ(field(done.body, "code").size(), 43u);
  EXPECT_EQ(field(done.body, "state"), "st-42");
  EXPECT_EQ(field(done.body, "iss"), "https://id.example.test");
  EXPECT_THAT(done.body, HasSubstr("<noscript>"));
  const auto csp = done.header("Content-Security-Policy").value_or("");
  EXPECT_THAT(csp, HasSubstr("form-action 'self' https://app.example;"));
  EXPECT_THAT(csp, HasSubstr("script-src 'sha256-"));
  EXPECT_EQ(done.header("Cache-Control").value_or(""), "no-store");
}

TEST_F(BrowserFlow, LoginFormCanBeShownAgain) {
  Browser b(port());
  auto first = b.get(authorize_target());
  auto again = b.get("/auth/login");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(field(again.body, "interaction"), field(first.body, "interaction"));
  EXPECT_NE(field(again.body, "csrf"), field(first.body, "csrf"));
  EXPECT_EQ(login(b, first).status, 403);  // the old token was replaced
  EXPECT_EQ(login(b, again).status, 200);
  Browser stranger(port());
  EXPECT_EQ(stranger.get("/auth/login").status, 400);
}

TEST_F(BrowserFlow, LogoutEndsTheSessionAndRevokesItsTokens) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  const auto session_hash = crypto::sha256_hex(b.cookies["authly_session"]);
  store::RefreshToken rt;
  rt.token_hash = crypto::sha256_hex("refresh-1");
  rt.family_id = "fam-1";
  rt.client_id = "app";
  rt.user_id = alice_id_;
  rt.session_id = session_hash;
  rt.auth_time = rt.created_at = clock_.now();
  rt.expires_at = rt.idle_expires_at = clock_.now() + seconds(3600);
  store_->tokens().create_refresh(rt);

  auto out = b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(out.status, 204);
  EXPECT_FALSE(b.cookies.count("authly_session"));
  EXPECT_FALSE(store_->sessions().find_active(session_hash, clock_.now()));
  EXPECT_TRUE(store_->tokens().find_refresh(rt.token_hash)->revoked_at);

  auto r = b.get(authorize_target({{"prompt", "none"}}));
  EXPECT_EQ(query_of(r.header("Location").value_or(""))["error"], "login_required");
  auto page = b.post("/auth/logout", {}, {{"Accept", "text/html"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("signed out"));
}

}  // namespace
}  // namespace authly::test::browser
