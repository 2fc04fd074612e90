// The UserInfo Endpoint's rules (oidc/userinfo.hpp, OIDC Core §5.3), given the access token alone.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/base64url.hpp"
#include "oauth/access_token.hpp"
#include "oauth/token_user.hpp"
#include "oidc/userinfo.hpp"
#include "support/generated_keys.hpp"
#include "support/memory_store.hpp"

namespace authly::oidc {
namespace {

using jose::Algorithm;
using std::chrono::seconds;

const core::TimePoint kNow = core::from_unix(1'700'000'000);
constexpr std::string_view kIssuer = "https://op.example";
const std::string kPairwiseKey(32, 'p');

using test::GeneratedKeys;

class UserInfoRules : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store(false);
    auto u = test::test_user();
    u.email = "alice@example.com";
    u.email_verified = true;
    u.given_name = "Alice";
    store_->users().create(u);
    store::Client c;
    c.id = "app";
    c.scope = "openid profile";  // not registered for email
    store_->clients().create(c);
    keys_.active(Algorithm::ES256);
  }

  oauth::AccessTokenClaims claims(std::string scope, bool with_user = true) {
    oauth::AccessTokenClaims c;
    c.issuer = std::string(kIssuer);
    c.subject = "u1";
    c.client_id = "app";
    c.audience = {std::string(kIssuer)};
    c.scope = std::move(scope);
    c.jti = "jti-" + std::to_string(++n_);
    c.issued_at = kNow;
    c.expires_at = kNow + seconds(600);
    if (with_user) {
      c.sealed_user = oauth::seal_token_user(kPairwiseKey, "u1", "app", rng_);
    } else {
      c.subject = c.client_id;  // client_credentials: sub is the client_id
    }
    return c;
  }
  std::string token(const oauth::AccessTokenClaims& c) {
    return oauth::issue_access_token(*keys_.active(Algorithm::ES256), c);
  }
  core::Result<UserInfoAnswer, oauth::OAuthError> ask(const std::string& t) {
    return userinfo({*store_, keys_, kIssuer, kPairwiseKey}, t, kNow + seconds(1));
  }

  std::unique_ptr<store::Store> store_;
  GeneratedKeys keys_;
  core::SystemRandom rng_;
  int n_ = 0;
};

TEST_F(UserInfoRules, AnswersSubAndTheClaimsOfTheTokensScopes) {
  auto answer = ask(token(claims("openid profile")));
  ASSERT_TRUE(answer) << answer.error().description;
  EXPECT_FALSE(answer->signed_jwt);
  const auto body = boost::json::parse(answer->body).as_object();
  EXPECT_EQ(body.at("sub").as_string(), "u1");
  EXPECT_EQ(body.at("given_name").as_string(), "Alice");
  EXPECT_FALSE(body.contains("email"));  // the email scope was not granted
}

// §5.5 claims asked for userinfo travel in the token; §5.4 only those of the client's registered scopes.
TEST_F(UserInfoRules, RequestedClaimsOutsideTheClientsRegisteredScopesAreNotReleased) {
  auto c = claims("openid");
  c.userinfo_claims = {"given_name", "email"};
  auto answer = ask(token(c));
  ASSERT_TRUE(answer);
  const auto body = boost::json::parse(answer->body).as_object();
  EXPECT_EQ(body.at("given_name").as_string(), "Alice");  // profile is registered
  EXPECT_FALSE(body.contains("email"));                   // email is not
}

TEST_F(UserInfoRules, ATokenWithoutOpenidIsInsufficientScope) {
  auto answer = ask(token(claims("profile")));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, oauth::ErrorCode::insufficient_scope);
}

TEST_F(UserInfoRules, ATokenForAnotherAudienceIsInvalid) {
  auto c = claims("openid");
  c.audience = {"https://api.example"};
  auto answer = ask(token(c));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, oauth::ErrorCode::invalid_token);
}

// RFC 9068 §2.2: a client_credentials token has no end-user; no scope would make it good here.
TEST_F(UserInfoRules, ATokenWithoutAnEndUserIsInvalid) {
  auto answer = ask(token(claims("openid", false)));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, oauth::ErrorCode::invalid_token);
}

TEST_F(UserInfoRules, ADisabledClientOrUserOrARevokedTokenIsInvalid) {
  const auto revoked = claims("openid");
  store_->tokens().deny_access_token(revoked.jti, revoked.expires_at);
  EXPECT_EQ(ask(token(revoked)).error().code, oauth::ErrorCode::invalid_token);

  store_->users().set_active("u1", false, kNow);
  EXPECT_EQ(ask(token(claims("openid"))).error().code, oauth::ErrorCode::invalid_token);
  store_->users().set_active("u1", true, kNow);

  auto client = *store_->clients().find("app");
  client.is_active = false;
  store_->clients().update(client);
  EXPECT_EQ(ask(token(claims("openid"))).error().code, oauth::ErrorCode::invalid_token);
}

// §5.3.2: a client that registered userinfo_signed_response_alg gets a JWT naming iss and aud.
TEST_F(UserInfoRules, AClientThatRegisteredASigningAlgGetsAJwt) {
  auto client = *store_->clients().find("app");
  client.userinfo_signed_response_alg = "ES256";
  store_->clients().update(client);
  auto answer = ask(token(claims("openid")));
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->signed_jwt);
  const auto first = answer->body.find('.');
  const auto second = answer->body.find('.', first + 1);
  const auto payload = core::base64url_decode(answer->body.substr(first + 1, second - first - 1));
  ASSERT_TRUE(payload);
  const auto body = boost::json::parse(*payload).as_object();
  EXPECT_EQ(body.at("iss").as_string(), kIssuer);
  EXPECT_EQ(body.at("aud").as_string(), "app");
  EXPECT_EQ(body.at("sub").as_string(), "u1");
}

}  // namespace
}  // namespace authly::oidc
