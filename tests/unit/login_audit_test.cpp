// The audit trail of sign-ins at the login page (oauth/password_login.hpp): who (the user id when
// the account exists), for which client, from where, why; never the password; nothing when the
// attempt was shed unattempted.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cache/rate_limiter.hpp"
#include "oauth/password_login.hpp"
#include "services/user_service.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth {
namespace {

const core::TimePoint kNow = core::from_unix(1'700'000'000);

class LoginAudit : public ::testing::Test {
 protected:
  void SetUp() override { store_ = test::memory_store(); }
  std::vector<store::AuditEvent> events() { return store_->audit().list_recent(10); }

  std::unique_ptr<store::Store> store_;
};

TEST_F(LoginAudit, ASuccessNamesTheUserAndTheClient) {
  audit_login_success(*store_, "u1", "app", "192.0.2.1", kNow);
  const auto e = events();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].type, "login.success");
  EXPECT_EQ(e[0].actor, "u1");
  EXPECT_EQ(e[0].ip, "192.0.2.1");
  EXPECT_EQ(boost::json::parse(e[0].detail).at("client_id").as_string(), "app");
}

TEST_F(LoginAudit, AFailureNamesTheAccountWhenItExistsWithTheReason) {
  audit_login_failure(*store_, "ALICE", LoginFailure::invalid_credentials, "app", "192.0.2.1", kNow);
  audit_login_failure(*store_, "nobody", LoginFailure::invalid_credentials, "app", "192.0.2.1", kNow);
  const auto e = events();  // newest first
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[1].type, "login.failure");
  EXPECT_EQ(e[1].actor, "u1");  // usernames match case-insensitively
  EXPECT_EQ(boost::json::parse(e[1].detail).at("reason").as_string(), "invalid_credentials");
  EXPECT_EQ(e[0].actor, "");  // no such account: nobody named
  EXPECT_EQ(e[0].detail.find("nobody"), std::string::npos);
}

TEST_F(LoginAudit, ARateLimitedAttemptLooksNobodyUpAndAShedOneIsNotAudited) {
  audit_login_failure(*store_, "alice", LoginFailure::rate_limited, "app", "192.0.2.1", kNow);
  audit_login_failure(*store_, "alice", LoginFailure::busy, "app", "192.0.2.1", kNow);
  const auto e = events();
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].actor, "");
  EXPECT_EQ(boost::json::parse(e[0].detail).at("reason").as_string(), "rate_limited");
}

// password_sign_in: the check and its audit event in one use-case.
TEST(PasswordSignIn, EachAttemptIsAuditedWithItsOutcome) {
  auto store = test::memory_store(false);
  core::SystemRandom rng;
  core::FixedClock clock(kNow);
  crypto::PasswordHasher hasher(crypto::PasswordPolicy{.argon2_ops_limit = 1, .argon2_mem_limit_kib = 8});
  auto limiter = cache::make_rate_limiter(nullptr, clock);
  services::UserService users(*store, hasher, rng, clock);
  ASSERT_TRUE(users.create({"alice", "alice@example.com", "correct horse", "Alice", "L", false, true}, "test").ok());
  const PasswordLoginDeps deps{*store, hasher, *limiter, LoginPolicy{}};

  EXPECT_EQ(password_sign_in(deps, "alice", "wrong", "app", "192.0.2.1", kNow).error(),
            LoginFailure::invalid_credentials);
  const auto ok = password_sign_in(deps, "alice", "correct horse", "app", "192.0.2.1", kNow + std::chrono::seconds(1));
  ASSERT_TRUE(ok);
  const auto e = store->audit().list_recent(10);  // newest first; the oldest is the account's creation
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].type, "login.success");
  EXPECT_EQ(e[0].actor, ok->id);
  EXPECT_EQ(e[1].type, "login.failure");
  EXPECT_EQ(e[1].detail.find("wrong"), std::string::npos);  // never the password
}

}  // namespace
}  // namespace authly::oauth
