// When the authorization endpoint asks for a login or a consent (OIDC Core §3.1.2.1 prompt and
// max_age, §3.1.2.6 errors for prompt=none), and how stored consent covers a request.
#include <gtest/gtest.h>

#include "oauth/authorize/interaction_policy.hpp"

namespace authly::oauth::authorize {
namespace {

using std::chrono::seconds;
const core::TimePoint kNow = core::from_unix(1'700'000'000);

AuthorizationRequest request(std::vector<std::string> scopes = {"openid", "profile"}) {
  AuthorizationRequest r;
  r.scopes = std::move(scopes);
  return r;
}

Authentication signed_in(seconds ago, bool fresh = false) { return {"u1", kNow - ago, fresh}; }
std::optional<GrantedConsent> granted(std::string scope) { return GrantedConsent{std::move(scope), {}}; }

TEST(AuthorizePolicy, NoSessionNeedsLogin) {
  EXPECT_EQ(*next_step(request(), std::nullopt, true, std::nullopt, kNow), Step::login);
}

TEST(AuthorizePolicy, LiveSessionWithConsentOnFileIssues) {
  EXPECT_EQ(*next_step(request(), signed_in(seconds(10)), true, granted("openid profile email"), kNow), Step::issue);
}

TEST(AuthorizePolicy, MissingOrNarrowerConsentAsksAgain) {
  EXPECT_EQ(*next_step(request(), signed_in(seconds(10)), true, std::nullopt, kNow), Step::consent);
  EXPECT_EQ(*next_step(request(), signed_in(seconds(10)), true, granted("openid"), kNow), Step::consent);
}

TEST(AuthorizePolicy, ClientWithoutRequiredConsentSkipsIt) {
  EXPECT_EQ(*next_step(request(), signed_in(seconds(10)), false, std::nullopt, kNow), Step::issue);
}

TEST(AuthorizePolicy, PromptConsentAlwaysAsks) {
  auto r = request();
  r.prompt.consent = true;
  EXPECT_EQ(*next_step(r, signed_in(seconds(10)), false, granted("openid profile"), kNow), Step::consent);
}

TEST(AuthorizePolicy, PromptLoginForcesReauthenticationUnlessFresh) {
  auto r = request();
  r.prompt.login = true;
  EXPECT_EQ(*next_step(r, signed_in(seconds(10)), false, std::nullopt, kNow), Step::login);
  EXPECT_EQ(*next_step(r, signed_in(seconds(0), true), false, std::nullopt, kNow), Step::issue);
}

TEST(AuthorizePolicy, MaxAgeElapsedForcesReauthentication) {
  auto r = request();
  r.max_age = 60;
  EXPECT_EQ(*next_step(r, signed_in(seconds(60)), false, std::nullopt, kNow), Step::issue);
  EXPECT_EQ(*next_step(r, signed_in(seconds(61)), false, std::nullopt, kNow), Step::login);
  r.max_age = 0;
  EXPECT_EQ(*next_step(r, signed_in(seconds(0)), false, std::nullopt, kNow), Step::login);
  EXPECT_EQ(*next_step(r, signed_in(seconds(0), true), false, std::nullopt, kNow), Step::issue);
}

TEST(AuthorizePolicy, PromptNoneWithoutSessionIsLoginRequired) {
  auto r = request();
  r.prompt.none = true;
  auto step = next_step(r, std::nullopt, false, std::nullopt, kNow);
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.error().code, ErrorCode::login_required);
  EXPECT_TRUE(step.error().redirectable);
}

TEST(AuthorizePolicy, PromptNoneNeedingConsentIsConsentRequired) {
  auto r = request();
  r.prompt.none = true;
  auto step = next_step(r, signed_in(seconds(5)), true, granted("openid"), kNow);
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.error().code, ErrorCode::consent_required);
  EXPECT_EQ(*next_step(r, signed_in(seconds(5)), true, granted("openid profile"), kNow), Step::issue);
}

TEST(AuthorizePolicy, ScopesCoveredAndMerged) {
  EXPECT_TRUE(scopes_covered({}, ""));
  EXPECT_TRUE(scopes_covered({"a", "b"}, "b c a"));
  EXPECT_FALSE(scopes_covered({"a", "d"}, "a b c"));
  EXPECT_EQ(merge_scopes("a b", {"b", "c"}), "a b c");
  EXPECT_EQ(merge_scopes("", {"x"}), "x");
}

}  // namespace
}  // namespace authly::oauth::authorize
