// A client that requires consent needs it for its first authorization by a user whatever the
// scope: a request without `scope` still issues a code, tokens and a refresh token that act for
// the user, so with no consent on file it shows the consent page, and with prompt=none answers
// consent_required (OIDC Core §3.1.2.6).
#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

using ::testing::HasSubstr;

class ConsentWithoutScope : public BrowserFlow {
 protected:
  // An authorization request for "app" that carries no scope parameter at all.
  static std::string target_without_scope(const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    std::vector<std::pair<std::string, std::string>> p{{"response_type", "code"},
                                                       {"client_id", "app"},
                                                       {"redirect_uri", "https://app.example/cb"},
                                                       {"code_challenge", kChallenge},
                                                       {"code_challenge_method", "S256"},
                                                       {"state", "st-0"}};
    p.insert(p.end(), extra.begin(), extra.end());
    return "/oauth/authorize?" + http::encode_form(p);
  }
  // Signs alice in through "trusted" (which needs no consent): a browser session, no consent for "app".
  void sign_in(Browser& b) {
    auto page = b.get(authorize_target({}, "trusted"));
    ASSERT_EQ(page.status, 200) << page.body;
    ASSERT_EQ(login(b, page).status, 303);
    ASSERT_FALSE(store_->consents().find(alice_id_, "app"));
  }
};

TEST_F(ConsentWithoutScope, PromptNoneWithoutConsentOnFileIsConsentRequired) {
  Browser b(port());
  sign_in(b);
  auto r = b.get(target_without_scope({{"prompt", "none"}}));
  ASSERT_EQ(r.status, 302) << r.body;
  auto q = query_of(r.header("Location").value_or(""));
  EXPECT_EQ(q["error"], "consent_required");
  EXPECT_FALSE(q.count("code"));
}

TEST_F(ConsentWithoutScope, FirstAuthorizationShowsTheConsentPage) {
  Browser b(port());
  sign_in(b);
  auto page = b.get(target_without_scope());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("Allow access"));
  ASSERT_EQ(decide(b, page, "allow").status, 303);
  auto consent = store_->consents().find(alice_id_, "app");
  ASSERT_TRUE(consent);
  EXPECT_EQ(consent->scope, "");
  // Consent on file: the same request under prompt=none now gets its code.
  auto again = b.get(target_without_scope({{"prompt", "none"}}));
  ASSERT_EQ(again.status, 302) << again.body;
  EXPECT_EQ(query_of(again.header("Location").value_or(""))["code"].size(), 43u);
}

TEST_F(ConsentWithoutScope, DeniedFirstAuthorizationStoresNothing) {
  Browser b(port());
  sign_in(b);
  auto page = b.get(target_without_scope());
  ASSERT_EQ(page.status, 200) << page.body;
  auto denied = decide(b, page, "deny");
  EXPECT_EQ(query_of(denied.header("Location").value_or(""))["error"], "access_denied");
  EXPECT_FALSE(store_->consents().find(alice_id_, "app"));
}

}  // namespace
}  // namespace authly::test::browser
