// The interaction (oauth/authorize/interaction.hpp): an authorization request kept server-side
// while the user signs in or consents, reached only with its id and the CSRF token of its form.
#include "oauth/authorize/interaction.hpp"

#include <gtest/gtest.h>

#include "crypto/hash.hpp"
#include "oauth/authorize/stored_consent.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth::authorize {
namespace {

using std::chrono::seconds;

const core::TimePoint kNow = core::from_unix(1'700'000'000);

class InteractionStore : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store();
    store_->clients().create(test::test_client("c1"));
    request_.client_id = "c1";
    request_.redirect_uri = "https://app.example/cb";
    request_.scopes = {"openid", "profile"};
    request_.state = "s-1";
  }
  InteractionDeps deps() { return {*store_, rng_, seconds(600)}; }

  std::unique_ptr<store::Store> store_;
  core::SystemRandom rng_;
  AuthorizationRequest request_;
};

TEST_F(InteractionStore, KeepsTheRequestUnderTheHashOfItsId) {
  const auto s = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  EXPECT_FALSE(store_->interactions().find_active(s.id, kNow));  // never stored in the clear
  auto pending = find_interaction(deps(), s.id, kNow + seconds(1));
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->request.state, "s-1");
  EXPECT_EQ(pending->request.scopes, request_.scopes);
  EXPECT_EQ(pending->client.id, "c1");
  EXPECT_TRUE(pending->row.user_id.empty());                          // a login step records no one
  EXPECT_FALSE(find_interaction(deps(), s.id, kNow + seconds(600)));  // past oauth.interaction_ttl_s
}

TEST_F(InteractionStore, AConsentStepRecordsTheSignedInUser) {
  const auto s = start_interaction(deps(), request_, "c1", Authentication{"u1", kNow - seconds(5), false}, kNow);
  EXPECT_EQ(find_interaction(deps(), s.id, kNow)->row.user_id, "u1");
  const auto later = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  bind_interaction_user(deps(), later.id, Authentication{"u1", kNow, true}, kNow);
  EXPECT_EQ(find_interaction(deps(), later.id, kNow)->row.user_id, "u1");
}

TEST_F(InteractionStore, AFormWithAnotherCsrfTokenIsForged) {
  const auto s = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  auto refused = resume_interaction(deps(), s.id, "not-the-token", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), InteractionRefusal::forged);
  EXPECT_TRUE(resume_interaction(deps(), s.id, s.csrf, kNow));
}

TEST_F(InteractionStore, ARenewedCsrfTokenReplacesTheOldOne) {
  const auto s = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  const auto renewed = renew_interaction_csrf(deps(), s.id, kNow);
  EXPECT_NE(renewed, s.csrf);
  EXPECT_FALSE(resume_interaction(deps(), s.id, s.csrf, kNow));
  EXPECT_TRUE(resume_interaction(deps(), s.id, renewed, kNow));
}

TEST_F(InteractionStore, ACompletedInteractionIsGoneAndCompletesOnce) {
  const auto s = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  EXPECT_TRUE(complete_interaction(deps(), s.id, kNow));
  EXPECT_FALSE(complete_interaction(deps(), s.id, kNow));  // a second submission loses
  auto refused = resume_interaction(deps(), s.id, s.csrf, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), InteractionRefusal::gone);
}

TEST_F(InteractionStore, AnInteractionOfADisabledClientIsGone) {
  const auto s = start_interaction(deps(), request_, "c1", std::nullopt, kNow);
  auto client = *store_->clients().find("c1");
  client.is_active = false;
  store_->clients().update(client);
  EXPECT_FALSE(find_interaction(deps(), s.id, kNow));
  auto refused = resume_interaction(deps(), s.id, s.csrf, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), InteractionRefusal::gone);
}

TEST_F(InteractionStore, TheConsentScreenNamesTheUserAndDescribesEachScope) {
  const auto screen = consent_screen(deps(), "u1", {"openid", "no-such-scope"});
  EXPECT_EQ(screen.username, "alice");
  ASSERT_EQ(screen.scopes.size(), 2u);
  EXPECT_EQ(screen.scopes[0].first, "openid");
  EXPECT_FALSE(screen.scopes[0].second.empty());  // the standard scopes come with descriptions
  EXPECT_EQ(screen.scopes[1], (std::pair<std::string, std::string>{"no-such-scope", ""}));
}

TEST_F(InteractionStore, FlowStepConsultsTheConsentOnFile) {
  auto client = *store_->clients().find("c1");
  client.require_consent = true;
  EXPECT_EQ(*flow_step(deps(), request_, client, std::nullopt, kNow), Step::login);
  const Authentication alice{"u1", kNow - seconds(30), false};
  EXPECT_EQ(*flow_step(deps(), request_, client, alice, kNow), Step::consent);
  record_consent(*store_, "u1", "c1", request_, kNow);
  EXPECT_EQ(*flow_step(deps(), request_, client, alice, kNow), Step::issue);
  request_.scopes.push_back("email");  // beyond what was consented
  EXPECT_EQ(*flow_step(deps(), request_, client, alice, kNow), Step::consent);
}

}  // namespace
}  // namespace authly::oauth::authorize
