// RP-Initiated Logout 1.0 §2/§4: verifying an id_token_hint (signature, issuer, expired accepted).
#include "oidc/id_token_hint.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/base64url.hpp"
#include "jose/jws.hpp"

namespace authly::oidc {
namespace {

constexpr std::string_view kIssuer = "https://id.example.test";

boost::json::object id_token_claims() {
  return {{"iss", kIssuer},       {"sub", "user-1"}, {"aud", "app"},   {"iat", 1'800'000'000},
          {"exp", 1'800'003'600}, {"sid", "sid-1"},  {"nonce", "n-1"}, {"auth_time", 1'800'000'000}};
}

class IdTokenHintTest : public ::testing::Test {
 protected:
  jose::SigningKey key_ = jose::SigningKey::generate(jose::Algorithm::ES256, "k1");
  jose::JwkSet published_{{key_.public_jwk()}};

  std::string sign(const boost::json::object& claims, std::string typ = "JWT") const {
    return jose::sign(key_, jose::HeaderParams{.typ = std::move(typ)}, boost::json::serialize(claims));
  }
  oauth::ErrorCode error_of(std::string_view token) const {
    auto r = verify_id_token_hint(token, published_, kIssuer);
    EXPECT_FALSE(r.ok());
    return r ? oauth::ErrorCode::server_error : r.error().code;
  }
};

TEST_F(IdTokenHintTest, GoodHintGivesAudSubSid) {
  auto r = verify_id_token_hint(sign(id_token_claims()), published_, kIssuer);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->audience, std::vector<std::string>{"app"});
  EXPECT_EQ(r->subject, "user-1");
  EXPECT_EQ(r->sid, "sid-1");
}

TEST_F(IdTokenHintTest, ExpiredHintIsStillAccepted) {
  auto claims = id_token_claims();
  claims["iat"] = 1'000'000'000;
  claims["exp"] = 1'000'000'060;  // long past
  EXPECT_TRUE(verify_id_token_hint(sign(claims), published_, kIssuer).ok());
}

TEST_F(IdTokenHintTest, WrongIssuerIsRefused) {
  auto claims = id_token_claims();
  claims["iss"] = "https://evil.example";
  EXPECT_EQ(error_of(sign(claims)), oauth::ErrorCode::invalid_request);
  claims.erase("iss");
  EXPECT_EQ(error_of(sign(claims)), oauth::ErrorCode::invalid_request);
}

TEST_F(IdTokenHintTest, BadSignatureIsRefused) {
  auto token = sign(id_token_claims());
  // Same header and claims, signature from a key that is not published.
  const auto stranger = jose::SigningKey::generate(jose::Algorithm::ES256, "k1");
  EXPECT_EQ(error_of(jose::sign(stranger, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(id_token_claims()))),
            oauth::ErrorCode::invalid_request);
  // A payload swapped under the original signature.
  auto forged_claims = id_token_claims();
  forged_claims["sub"] = "someone-else";
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  const auto forged =
      token.substr(0, first + 1) + core::base64url_encode(boost::json::serialize(forged_claims)) + token.substr(last);
  EXPECT_EQ(error_of(forged), oauth::ErrorCode::invalid_request);
  EXPECT_EQ(error_of("not-a-jwt"), oauth::ErrorCode::invalid_request);
}

TEST_F(IdTokenHintTest, AlgNoneIsRefused) {
  const auto header = core::base64url_encode(R"({"alg":"none","typ":"JWT"})");
  const auto payload = core::base64url_encode(boost::json::serialize(id_token_claims()));
  EXPECT_EQ(error_of(header + "." + payload + "."), oauth::ErrorCode::invalid_request);
}

TEST_F(IdTokenHintTest, Hs256IsRefusedEvenWithAKnownSecret) {
  auto secret = jose::SigningKey::hmac(std::string(32, 's'), "k1");
  ASSERT_TRUE(secret.ok());
  auto token = jose::sign(*secret, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(id_token_claims()));
  jose::JwkSet with_secret{{key_.public_jwk(), *jose::Jwk::hmac(std::string(32, 's'), "k1")}};
  EXPECT_FALSE(verify_id_token_hint(token, with_secret, kIssuer).ok());
}

TEST_F(IdTokenHintTest, AccessAndLogoutTokensAreNotHints) {
  EXPECT_EQ(error_of(sign(id_token_claims(), "at+jwt")), oauth::ErrorCode::invalid_request);
  EXPECT_EQ(error_of(sign(id_token_claims(), "logout+jwt")), oauth::ErrorCode::invalid_request);
  EXPECT_TRUE(verify_id_token_hint(sign(id_token_claims(), ""), published_, kIssuer).ok());  // typ absent
}

TEST_F(IdTokenHintTest, SubAndAudAreRequired) {
  auto claims = id_token_claims();
  claims.erase("sub");
  EXPECT_EQ(error_of(sign(claims)), oauth::ErrorCode::invalid_request);
  claims = id_token_claims();
  claims.erase("aud");
  EXPECT_EQ(error_of(sign(claims)), oauth::ErrorCode::invalid_request);
}

TEST(IdTokenHintClient, ClientIdMustBeAnAudience) {
  IdTokenHint hint{{"app"}, "", "user-1", "sid-1"};
  EXPECT_EQ(hint_client(hint, "").value(), "app");
  EXPECT_EQ(hint_client(hint, "app").value(), "app");
  EXPECT_FALSE(hint_client(hint, "other").ok());
}

TEST(IdTokenHintClient, SeveralAudiencesNeedClientIdOrAzp) {
  IdTokenHint hint{{"app", "api"}, "", "user-1", ""};
  EXPECT_FALSE(hint_client(hint, "").ok());
  EXPECT_EQ(hint_client(hint, "api").value(), "api");
  hint.azp = "app";
  EXPECT_EQ(hint_client(hint, "").value(), "app");
  hint.azp = "stranger";
  EXPECT_FALSE(hint_client(hint, "").ok());
}

}  // namespace
}  // namespace authly::oidc
