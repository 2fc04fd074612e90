// Browser-flow safety rules over HTTP: framing and cache headers, cookie flags, CSRF and
// browser binding of forms, generic login errors, audit, lockout, error pages instead of
// redirects for untrusted clients and redirect URIs, escaping, interaction expiry.
#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(BrowserFlow, PagesCarryFramingAndCacheHeaders) {
  Browser b(port());
  auto page = b.get(authorize_target());
  ASSERT_EQ(page.status, 200);
  const auto csp = page.header("Content-Security-Policy").value_or("");
  EXPECT_THAT(csp, HasSubstr("default-src 'none'"));
  EXPECT_THAT(csp, HasSubstr("style-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("form-action 'self'"));
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(csp, HasSubstr("base-uri 'none'"));
  EXPECT_THAT(csp, Not(HasSubstr("script-src")));
  EXPECT_EQ(page.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_EQ(page.header("Cache-Control").value_or(""), "no-store");
  EXPECT_THAT(page.header("Content-Type").value_or(""), HasSubstr("text/html"));

  auto error = b.get("/oauth/authorize?client_id=nope");
  EXPECT_EQ(error.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_THAT(error.header("Content-Security-Policy").value_or(""), HasSubstr("frame-ancestors 'none'"));
}

TEST_F(BrowserFlow, SessionCookieFlags) {
  Browser b(port());
  auto page = b.get(authorize_target());
  auto consent = login(b, page);
  std::string session_cookie;
  for (const auto& c : set_cookies(consent))
    if (c.rfind("authly_session=", 0) == 0) session_cookie = c;
  ASSERT_FALSE(session_cookie.empty());
  EXPECT_THAT(session_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(session_cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(session_cookie, HasSubstr("Path=/"));
  EXPECT_THAT(session_cookie, HasSubstr("Secure"));  // the issuer is https
  // The cookie holds the secret; the store only its hash.
  const auto value = b.cookies["authly_session"];
  EXPECT_EQ(value.size(), 43u);
  EXPECT_TRUE(store_->sessions().find_active(crypto::sha256_hex(value), clock_.now()));
  EXPECT_FALSE(store_->sessions().find_active(value, clock_.now()));
}

TEST_F(BrowserFlow, BadCsrfIsRejectedAndChangesNothing) {
  Browser b(port());
  auto page = b.get(authorize_target());
  auto forged = b.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                       {"csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                                       {"username", "alice"},
                                       {"password", kPassword}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_FALSE(b.cookies.count("authly_session"));
  EXPECT_FALSE(store_->users().find_by_id(alice_id_)->last_login_at);
  for (const auto& e : store_->audit().list_recent(50)) EXPECT_THAT(e.type, Not(HasSubstr("login")));
  // The genuine form still works.
  EXPECT_EQ(login(b, page).status, 200);
}

TEST_F(BrowserFlow, FormFromAnotherBrowserIsRejected) {
  Browser victim(port());
  Browser attacker(port());
  auto page = attacker.get(authorize_target());
  // Login CSRF: the attacker's interaction and token posted from the victim's browser.
  auto forged = victim.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                            {"csrf", field(page.body, "csrf")},
                                            {"username", "alice"},
                                            {"password", kPassword}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_FALSE(victim.cookies.count("authly_session"));
}

TEST_F(BrowserFlow, ConsentCsrfIsChecked) {
  Browser b(port());
  auto consent = login(b, b.get(authorize_target()));
  auto forged = b.post("/oauth/consent",
                       {{"interaction", field(consent.body, "interaction")}, {"csrf", "wrong"}, {"decision", "allow"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_FALSE(store_->consents().find(alice_id_, "app"));
  EXPECT_EQ(decide(b, consent, "allow").status, 303);
}

TEST_F(BrowserFlow, WrongPasswordGetsOneGenericMessage) {
  Browser b(port());
  auto page = b.get(authorize_target());
  auto wrong = login(b, page, "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("The username or password is incorrect."));
  EXPECT_THAT(wrong.body, HasSubstr("value=\"alice\""));
  EXPECT_THAT(wrong.body, Not(HasSubstr("not the password")));
  EXPECT_FALSE(b.cookies.count("authly_session"));
  auto unknown = b.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                        {"csrf", field(page.body, "csrf")},
                                        {"username", "nobody"},
                                        {"password", "whatever1"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_THAT(unknown.body, HasSubstr("The username or password is incorrect."));
  auto empty = b.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                      {"csrf", field(page.body, "csrf")},
                                      {"username", "alice"},
                                      {"password", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(login(b, page).status, 200);
}

TEST_F(BrowserFlow, AuditRecordsLoginsWithoutPasswords) {
  Browser b(port());
  auto page = b.get(authorize_target());
  ASSERT_EQ(login(b, page, "not the password").status, 401);
  ASSERT_EQ(login(b, page).status, 200);
  bool failure = false, success = false;
  for (const auto& e : store_->audit().list_recent(50)) {
    EXPECT_THAT(e.detail, Not(HasSubstr("password\"")));
    EXPECT_THAT(e.detail, Not(HasSubstr(kPassword)));
    EXPECT_THAT(e.detail, Not(HasSubstr("not the password")));
    if (e.type == "login.failure" && e.actor == alice_id_) failure = true;
    if (e.type == "login.success" && e.actor == alice_id_) success = true;
  }
  EXPECT_TRUE(failure);
  EXPECT_TRUE(success);
}

class BrowserFlowLockout : public BrowserFlow {
  void configure(config::Config& c) override { c.login.max_failures = 2; }
};

TEST_F(BrowserFlowLockout, LocksTheAccountAfterRepeatedFailures) {
  Browser b(port());
  auto page = b.get(authorize_target());
  EXPECT_EQ(login(b, page, "wrong-one").status, 401);
  EXPECT_EQ(login(b, page, "wrong-two").status, 401);
  auto locked = login(b, page);  // the right password no longer helps
  EXPECT_EQ(locked.status, 429);
  EXPECT_THAT(locked.body, HasSubstr("Too many sign-in attempts"));
  EXPECT_FALSE(b.cookies.count("authly_session"));
}

TEST_F(BrowserFlow, UnknownClientGetsAnErrorPageNotARedirect) {
  Browser b(port());
  auto r = b.get(authorize_target({{"client_id", "nope"}, {"redirect_uri", "https://evil.example/cb"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("Location"));
  EXPECT_THAT(r.body, Not(HasSubstr("evil.example")));
}

TEST_F(BrowserFlow, UnregisteredRedirectUriGetsAnErrorPage) {
  Browser b(port());
  auto r = b.get(authorize_target({{"redirect_uri", "https://evil.example/cb"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("Location"));
}

TEST_F(BrowserFlow, RedirectableErrorCarriesStateAndIssuer) {
  Browser b(port());
  auto r = b.get(authorize_target({{"code_challenge_method", "plain"}}));
  ASSERT_EQ(r.status, 302);
  auto q = query_of(r.header("Location").value_or(""));
  EXPECT_EQ(q["error"], "invalid_request");
  EXPECT_EQ(q["state"], "st-42");
  EXPECT_EQ(q["iss"], "https://id.example.test");
}

TEST_F(BrowserFlow, LoginHintIsPrefilledAndEscaped) {
  Browser b(port());
  auto page = b.get(authorize_target({{"login_hint", "\"><script>x</script>"}}));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, Not(HasSubstr("<script>x")));
  EXPECT_THAT(page.body, HasSubstr("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
}

TEST_F(BrowserFlow, ExpiredInteractionMustStartAgain) {
  Browser b(port());
  auto page = b.get(authorize_target());
  clock_.advance(seconds(config_.oauth.interaction_ttl_s + 1));
  auto late = login(b, page);
  EXPECT_EQ(late.status, 400);
  EXPECT_FALSE(b.cookies.count("authly_session"));
}

TEST_F(BrowserFlow, StylesheetIsServedAndCacheable) {
  auto css = get(port(), "/static/authly.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_THAT(css.header("Content-Type").value_or(""), HasSubstr("text/css"));
  EXPECT_THAT(css.header("Cache-Control").value_or(""), HasSubstr("public"));
  EXPECT_THAT(css.header("Cache-Control").value_or(""), HasSubstr("max-age="));
  EXPECT_THAT(css.body, HasSubstr(".card"));
}

class BrowserFlowHttpIssuer : public BrowserFlow {
  void configure(config::Config& c) override { c.issuer = "http://127.0.0.1:8000"; }
};

TEST_F(BrowserFlowHttpIssuer, SessionCookieIsNotSecureWithoutHttps) {
  Browser b(port());
  auto consent = login(b, b.get(authorize_target()));
  bool seen = false;
  for (const auto& c : set_cookies(consent)) {
    if (c.rfind("authly_session=", 0) != 0) continue;
    seen = true;
    EXPECT_THAT(c, Not(HasSubstr("Secure")));
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace authly::test::browser
