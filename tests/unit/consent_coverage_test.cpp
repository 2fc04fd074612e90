// Which consent on file covers an authorization request (oauth/authorize/interaction_policy.hpp):
// every requested scope, every claim the claims parameter names (OIDC Core §5.5) — consented one by
// one or through a consented scope (§5.4) — and, for a client requiring consent, a consent at all
// even when the request names no scope.
#include <gtest/gtest.h>

#include <string>

#include "oauth/authorize/interaction_policy.hpp"

namespace authly::oauth::authorize {
namespace {

using std::chrono::seconds;
const core::TimePoint kNow = core::from_unix(1'700'000'000);

AuthorizationRequest request(std::vector<std::string> scopes, std::string claims = {}) {
  AuthorizationRequest r;
  r.scopes = std::move(scopes);
  r.claims = std::move(claims);
  return r;
}

const Authentication kSignedIn{"u1", kNow - seconds(10), false};

TEST(ConsentCoverage, RequestWithoutScopeNeedsAConsentOnFile) {
  const auto r = request({});
  EXPECT_EQ(*next_step(r, kSignedIn, true, std::nullopt, kNow), Step::consent);
  EXPECT_EQ(*next_step(r, kSignedIn, true, GrantedConsent{}, kNow), Step::issue);
  EXPECT_EQ(*next_step(r, kSignedIn, false, std::nullopt, kNow), Step::issue);
}

TEST(ConsentCoverage, PromptNoneWithoutScopeOrConsentIsConsentRequired) {
  auto r = request({});
  r.prompt.none = true;
  auto step = next_step(r, kSignedIn, true, std::nullopt, kNow);
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.error().code, ErrorCode::consent_required);
  EXPECT_TRUE(step.error().redirectable);
}

TEST(ConsentCoverage, ClaimBeyondTheConsentIsNotCovered) {
  const auto r = request({"openid"}, R"({"userinfo":{"email":null}})");
  EXPECT_FALSE(consent_covers({"openid", ""}, r));
  auto none = r;
  none.prompt.none = true;
  auto step = next_step(none, kSignedIn, true, GrantedConsent{"openid", ""}, kNow);
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.error().code, ErrorCode::consent_required);
}

TEST(ConsentCoverage, ClaimConsentedIndividuallyIsCovered) {
  const auto r = request({"openid"}, R"({"userinfo":{"email":null},"id_token":{"email":null}})");
  EXPECT_TRUE(consent_covers({"openid", "given_name email"}, r));
  EXPECT_EQ(*next_step(r, kSignedIn, true, GrantedConsent{"openid", "email"}, kNow), Step::issue);
}

TEST(ConsentCoverage, ClaimOfAConsentedScopeIsCovered) {
  EXPECT_TRUE(consent_covers({"openid email", ""}, request({"openid"}, R"({"id_token":{"email_verified":null}})")));
  EXPECT_TRUE(consent_covers({"openid profile", ""}, request({"openid"}, R"({"userinfo":{"birthdate":null}})")));
  EXPECT_FALSE(consent_covers({"openid profile", ""}, request({"openid"}, R"({"userinfo":{"phone_number":null}})")));
}

TEST(ConsentCoverage, EveryNamedClaimMustBeCovered) {
  const auto r = request({"openid"}, R"({"userinfo":{"email":null},"id_token":{"name":null}})");
  EXPECT_FALSE(consent_covers({"openid email", ""}, r));
  EXPECT_TRUE(consent_covers({"openid email", "name"}, r));
}

TEST(ConsentCoverage, GrantingAddsTheRequestsScopesAndClaims) {
  const auto r = request({"openid", "email"}, R"({"userinfo":{"name":null,"email":null},"id_token":{"name":null}})");
  auto first = grant_consent(std::nullopt, r);
  EXPECT_EQ(first.scope, "openid email");
  EXPECT_EQ(first.claims, "name email");
  EXPECT_TRUE(consent_covers(first, r));
  auto grown = grant_consent(GrantedConsent{"openid profile", "picture"}, r);
  EXPECT_EQ(grown.scope, "openid profile email");
  EXPECT_EQ(grown.claims, "picture name email");
  auto scopeless = grant_consent(std::nullopt, request({}));
  EXPECT_EQ(scopeless.scope, "");
  EXPECT_EQ(scopeless.claims, "");
}

// Linear in the number of scopes: a request and a grant at several times any real size stay
// instant (a quadratic version would make this test slow, not fail; the assertion is the result).
TEST(ConsentCoverage, ScopeCoverageAndMergeHandleLargeSets) {
  std::vector<std::string> many;
  std::string granted;
  for (int i = 0; i < 20'000; ++i) {
    std::string name = "s";
    name += std::to_string(i);
    if (!granted.empty()) granted += ' ';
    granted += name;
    many.push_back(std::move(name));
  }
  EXPECT_TRUE(scopes_covered(many, granted));
  many.push_back("extra");
  EXPECT_FALSE(scopes_covered(many, granted));
  const auto merged = merge_scopes(granted, many);
  EXPECT_EQ(merged, granted.append(" extra"));
}

}  // namespace
}  // namespace authly::oauth::authorize
