// The grant functions (oauth/grants) on a real SQLite :memory: store, without HTTP: one named test
// per rule that the endpoint tests exercise end to end.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cache/rate_limiter.hpp"
#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "jose/jwk_set.hpp"
#include "jose/signing_key.hpp"
#include "oauth/access_token.hpp"
#include "oauth/grants/authorization_code_grant.hpp"
#include "oauth/grants/client_credentials_grant.hpp"
#include "oauth/grants/password_grant.hpp"
#include "oauth/grants/refresh_token_grant.hpp"
#include "services/user_service.hpp"
#include "support/issued_code.hpp"

namespace authly::oauth {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

class Grants : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store({"sqlite::memory:", 2, 5'000});
    store_->migrate();
    policy_.issuer = "https://id.example.test";
    policy_.pairwise_key = std::string(32, 'p');
    services::UserService users(*store_, hasher_, rng_, clock_);
    auto alice = users.create({"alice", "alice@example.com", "correct horse battery", "A", "L", false, true}, "t");
    ASSERT_TRUE(alice.ok());
    user_id_ = alice->id;
    client_.id = "web";
    client_.name = "web";
    client_.grant_types = {"authorization_code", "refresh_token", "client_credentials"};
    client_.scope = "openid profile";
    client_.token_endpoint_auth_method = "client_secret_basic";
    client_.id_token_signed_response_alg = "ES256";
    client_.subject_type = "public";
    client_.created_at = client_.updated_at = clock_.now();
    store_->clients().create(client_);
    store_->sessions().create(test::test_session(user_id_, clock_.now()));
  }
  GrantContext ctx() {
    return GrantContext{policy_, *store_, rng_, clock_.now(), key_, hasher_, *limiter_, "192.0.2.1"};
  }
  std::string add_code() {
    return test::issue_test_code(*store_, rng_, clock_.now(), {.client_id = "web", .session_hash = "session-hash"});
  }
  core::Result<TokenResponse, OAuthError> exchange(const std::string& code) {
    auto c = ctx();
    return authorization_code_grant(c, client_, {code, "https://app.example/cb", kVerifier});
  }
  core::Result<TokenResponse, OAuthError> refresh(const std::string& token, std::optional<std::string> scope = {}) {
    auto c = ctx();
    return refresh_token_grant(c, client_, {token, std::move(scope)});
  }
  store::RefreshToken row_of(const std::string& token) {
    return store_->tokens().find_refresh(crypto::sha256_hex(token)).value();
  }
  std::string jti_of(const std::string& access_token) {
    auto r = verify_access_token(access_token, jose::JwkSet(std::vector<jose::Jwk>{key_->public_jwk()}), policy_.issuer,
                                 clock_.now(), store_->tokens());
    return r.ok() ? r->jti : std::string();
  }

  core::SystemRandom rng_;
  core::FixedClock clock_{core::from_unix(1'800'000'000)};
  crypto::PasswordHasher hasher_{crypto::PasswordPolicy{crypto::PasswordPolicy::Algorithm::argon2id, 4, 1, 8}};
  std::unique_ptr<cache::RateLimiter> limiter_ = cache::make_rate_limiter(nullptr, clock_);
  std::shared_ptr<const jose::SigningKey> key_ =
      std::make_shared<const jose::SigningKey>(jose::SigningKey::generate(jose::Algorithm::ES256));
  TokenPolicy policy_;
  std::unique_ptr<store::Store> store_;
  store::Client client_;
  std::string user_id_;
};

TEST_F(Grants, CodeGrantReplayRevokesIssuedTokens) {
  const auto code = add_code();
  auto first = exchange(code);
  ASSERT_TRUE(first.ok());
  const auto jti = jti_of(first->access_token);
  ASSERT_FALSE(jti.empty());
  auto replay = exchange(code);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::invalid_grant);
  EXPECT_TRUE(row_of(first->refresh_token).revoked_at);
  EXPECT_TRUE(store_->tokens().is_access_token_denied(jti));
}

TEST_F(Grants, CodeGrantUnknownCodeRevokesNothing) {
  auto first = exchange(add_code());
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(exchange("never-issued").ok());
  EXPECT_FALSE(row_of(first->refresh_token).revoked_at);
}

TEST_F(Grants, CodeGrantAuditNeverHoldsTokenValues) {
  const auto code = add_code();
  auto first = exchange(code);
  ASSERT_TRUE(first.ok());
  (void)exchange(code);
  for (const auto& e : store_->audit().list_recent(20)) {
    EXPECT_THAT(e.detail, Not(HasSubstr(first->refresh_token)));
    EXPECT_THAT(e.detail, Not(HasSubstr(code)));
  }
}

TEST_F(Grants, RefreshGrantReuseRevokesFamily) {
  auto first = exchange(add_code());
  ASSERT_TRUE(first.ok());
  auto second = refresh(first->refresh_token);
  ASSERT_TRUE(second.ok());
  const auto second_jti = jti_of(second->access_token);  // read while still valid
  ASSERT_FALSE(second_jti.empty());
  auto reuse = refresh(first->refresh_token);
  ASSERT_FALSE(reuse.ok());
  EXPECT_EQ(reuse.error().code, ErrorCode::invalid_grant);
  EXPECT_TRUE(row_of(second->refresh_token).revoked_at);
  EXPECT_TRUE(store_->tokens().is_access_token_denied(second_jti));
  auto events = store_->audit().list_recent(5);
  EXPECT_TRUE(
      std::any_of(events.begin(), events.end(), [](const auto& e) { return e.type == "refresh.reuse_detected"; }));
}

TEST_F(Grants, RefreshGrantKeepsAbsoluteExpiryAndRenewsIdle) {
  auto first = exchange(add_code());
  ASSERT_TRUE(first.ok());
  const auto absolute = row_of(first->refresh_token).expires_at;
  clock_.advance(seconds(3600));
  auto second = refresh(first->refresh_token);
  ASSERT_TRUE(second.ok());
  const auto row = row_of(second->refresh_token);
  EXPECT_EQ(row.expires_at, absolute);
  EXPECT_EQ(row.idle_expires_at, clock_.now() + policy_.refresh_idle_ttl);
  EXPECT_EQ(row.parent_hash, crypto::sha256_hex(first->refresh_token));
}

TEST_F(Grants, RefreshGrantNarrowedScopeKeepsRefreshTokenScope) {
  auto first = exchange(add_code());
  ASSERT_TRUE(first.ok());
  auto second = refresh(first->refresh_token, "openid");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->scope, "openid");
  EXPECT_EQ(row_of(second->refresh_token).scope, "openid profile");  // RFC 6749 §6
}

TEST_F(Grants, RefreshGrantAbsoluteExpiryIsInvalidGrant) {
  policy_.refresh_absolute_ttl = seconds(100);
  auto first = exchange(add_code());
  ASSERT_TRUE(first.ok());
  clock_.advance(seconds(100));
  auto r = refresh(first->refresh_token);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_grant);
  EXPECT_FALSE(row_of(first->refresh_token).revoked_at);  // expiry is not reuse
}

TEST_F(Grants, PasswordGrantDisabledServerWideIsUnsupported) {
  client_.grant_types.push_back("password");
  auto c = ctx();
  auto r = password_grant(c, client_, {"alice", "correct horse battery", std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unsupported_grant_type);
}

TEST_F(Grants, PasswordGrantWrongPasswordIsInvalidGrant) {
  policy_.password_grant = true;
  client_.grant_types.push_back("password");
  auto c = ctx();
  auto r = password_grant(c, client_, {"alice", "wrong password", std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_grant);
  EXPECT_TRUE(password_grant(c, client_, {"alice", "correct horse battery", std::nullopt}).ok());
}

TEST_F(Grants, ClientCredentialsGrantPublicClientIsUnauthorized) {
  client_.type = store::ClientType::public_;
  auto c = ctx();
  auto r = client_credentials_grant(c, client_, {std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::unauthorized_client);
}

}  // namespace
}  // namespace authly::oauth
