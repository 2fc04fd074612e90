// Who may administer (oauth/admin_access): an Authly access token with an administrative scope,
// write for changes and either scope for reads; a token issued to a user is worth only what that
// user still is.
#include "oauth/admin_access.hpp"

#include <gtest/gtest.h>

#include "oauth/token_user.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth {
namespace {

const core::TimePoint kNow = core::from_unix(1'700'000'000);
constexpr std::string_view kIssuer = "https://auth.example.test";
const std::string kPairwiseKey(32, 'p');

class AdminAccessRule : public ::testing::Test {
 protected:
  void SetUp() override {
    auto root = test::test_user("u2", "root");
    root.is_admin = true;
    store_->users().create(root);
  }

  // A token of client "tool"; with `user`, issued to that user.
  std::string token(std::string scope, std::string user = {}) {
    AccessTokenClaims c;
    c.issuer = std::string(kIssuer);
    c.client_id = "tool";
    c.subject = user.empty() ? c.client_id : "pairwise-sub";
    if (!user.empty()) c.sealed_user = seal_token_user(kPairwiseKey, user, "tool", rng_);
    c.audience = {std::string(kIssuer)};
    c.scope = std::move(scope);
    c.jti = "jti-" + std::to_string(++jti_);
    c.issued_at = kNow;
    c.expires_at = kNow + std::chrono::minutes(5);
    return issue_access_token(*keys_->active(jose::Algorithm::ES256), c);
  }

  core::Result<AccessTokenClaims, OAuthError> check(const std::string& t, AdminAccess need) {
    return verify_admin_token(deps_, t, need, kNow);
  }

  std::unique_ptr<store::Store> store_ = test::memory_store();
  core::SystemRandom rng_;
  core::FixedClock clock_{kNow};
  std::unique_ptr<SigningKeys> keys_ = make_signing_keys(*store_, std::string(32, 'm'), rng_, clock_);
  AdminAccessDeps deps_{*store_, *keys_, kIssuer, kPairwiseKey};
  int jti_ = 0;
};

TEST_F(AdminAccessRule, WriteNeedsTheWriteScopeReadTakesEither) {
  EXPECT_TRUE(check(token("authly:admin:write"), AdminAccess::write));
  EXPECT_TRUE(check(token("authly:admin:write"), AdminAccess::read));
  EXPECT_TRUE(check(token("openid authly:admin:read"), AdminAccess::read));
  EXPECT_EQ(check(token("authly:admin:read"), AdminAccess::write).error().code, ErrorCode::insufficient_scope);
  EXPECT_EQ(check(token("openid profile"), AdminAccess::read).error().code, ErrorCode::insufficient_scope);
}

TEST_F(AdminAccessRule, ForgedOrForeignTokensAreInvalid) {
  EXPECT_EQ(check("not-a-jwt", AdminAccess::read).error().code, ErrorCode::invalid_token);
  auto t = token("authly:admin:write");
  t.back() = t.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(check(t, AdminAccess::read).error().code, ErrorCode::invalid_token);
}

TEST_F(AdminAccessRule, UserTokenNeedsAnActiveAdministrator) {
  EXPECT_TRUE(check(token("authly:admin:write", "u2"), AdminAccess::write));
  // alice holds the scope but is no administrator.
  EXPECT_EQ(check(token("authly:admin:write", "u1"), AdminAccess::write).error().code, ErrorCode::insufficient_scope);
  const auto t = token("authly:admin:write", "u2");
  ASSERT_TRUE(store_->users().set_active("u2", false, kNow));
  EXPECT_EQ(check(t, AdminAccess::write).error().code, ErrorCode::invalid_token);
}

}  // namespace
}  // namespace authly::oauth
