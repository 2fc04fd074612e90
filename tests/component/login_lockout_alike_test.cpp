// Lockout must not tell which usernames exist: failures are counted for unknown names as for real
// ones, so once either is locked both get the same answer (status, page and headers).
#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

class LoginLockoutAlike : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.login.max_failures = 2; }
  HttpResponse attempt(Browser& b, const HttpResponse& page, const std::string& username, const std::string& password) {
    return b.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                  {"csrf", field(page.body, "csrf")},
                                  {"username", username},
                                  {"password", password}});
  }
  // The page with the typed username (shown back in the form) taken out.
  static std::string without_username(std::string body, const std::string& username) {
    const std::string shown = "value=\"" + username + "\"";
    for (auto at = body.find(shown); at != std::string::npos; at = body.find(shown)) body.replace(at, shown.size(), "");
    return body;
  }
};

TEST_F(LoginLockoutAlike, LockedRealAndUnknownNamesAnswerTheSame) {
  Browser b(port());
  auto page = b.get(authorize_target());
  for (int i = 0; i < config_.login.max_failures; ++i) {
    EXPECT_EQ(attempt(b, page, "alice", "wrong password").status, 401);
    EXPECT_EQ(attempt(b, page, "nobody", "wrong password").status, 401);
  }
  auto real = attempt(b, page, "alice", kPassword);
  auto unknown = attempt(b, page, "nobody", "any password");
  EXPECT_EQ(real.status, 429);
  EXPECT_EQ(unknown.status, real.status);
  EXPECT_EQ(without_username(unknown.body, "nobody"), without_username(real.body, "alice"));
  EXPECT_EQ(unknown.header("Retry-After"), real.header("Retry-After"));
  EXPECT_FALSE(b.cookies.count("authly_session"));
}

}  // namespace
}  // namespace authly::test::browser
