// A consent grows with what the user allows and keeps when it was first given (OIDC Core §3.1.2.4).
#include "oauth/authorize/stored_consent.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth::authorize {
namespace {

class StoredConsent : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store();
    store_->clients().create(test::test_client("c1"));
  }
  std::unique_ptr<store::Store> store_;
};

TEST_F(StoredConsent, NoneBeforeTheFirstAllow) { EXPECT_FALSE(stored_consent(*store_, "u1", "c1")); }

TEST_F(StoredConsent, AllowMergesScopesAndClaimsAndKeepsTheFirstTime) {
  const core::TimePoint t0{std::chrono::seconds(1'000'000)};
  AuthorizationRequest first;
  first.scopes = {"openid", "profile"};
  record_consent(*store_, "u1", "c1", first, t0);
  AuthorizationRequest second;
  second.scopes = {"openid", "email"};
  second.claims = R"({"userinfo":{"phone_number":null}})";
  record_consent(*store_, "u1", "c1", second, t0 + std::chrono::hours(1));

  const auto granted = stored_consent(*store_, "u1", "c1");
  ASSERT_TRUE(granted);
  EXPECT_EQ(granted->scope, "openid profile email");
  EXPECT_EQ(granted->claims, "phone_number");
  const auto row = store_->consents().find("u1", "c1");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->created_at, t0);
  EXPECT_EQ(row->updated_at, t0 + std::chrono::hours(1));
}

TEST_F(StoredConsent, TheAnswerIsAuditedWithScopeAndClaimNames) {
  AuthorizationRequest r;
  r.scopes = {"openid", "profile"};
  r.claims = R"({"userinfo":{"email":null}})";
  audit_consent(*store_, true, "u1", "c1", r, "192.0.2.1", core::from_unix(1'700'000'000));
  audit_consent(*store_, false, "u1", "c1", r, "192.0.2.1", core::from_unix(1'700'000'001));
  const auto events = store_->audit().list_recent(10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, "consent.granted");
  EXPECT_EQ(events[0].type, "consent.denied");
  EXPECT_EQ(events[1].actor, "u1");
  EXPECT_EQ(events[1].subject, "c1");
  EXPECT_EQ(events[1].detail, R"({"scope":"openid profile","claims":"email"})");
}

TEST_F(StoredConsent, AnswerDenyIsAuditedAndRecordsNothing) {
  core::SystemRandom rng;
  const InteractionDeps deps{*store_, rng, std::chrono::seconds(600)};
  AuthorizationRequest r;
  r.scopes = {"openid", "email"};
  const auto now = core::from_unix(1'700'000'000);
  answer_consent(deps, false, "u1", "c1", r, "192.0.2.1", now);
  EXPECT_FALSE(stored_consent(*store_, "u1", "c1"));
  answer_consent(deps, true, "u1", "c1", r, "192.0.2.1", now + std::chrono::seconds(1));
  ASSERT_TRUE(stored_consent(*store_, "u1", "c1"));
  EXPECT_EQ(stored_consent(*store_, "u1", "c1")->scope, "openid email");
  const auto events = store_->audit().list_recent(10);  // newest first
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "consent.granted");
  EXPECT_EQ(events[1].type, "consent.denied");
}

}  // namespace
}  // namespace authly::oauth::authorize
