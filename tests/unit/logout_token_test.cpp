// Back-Channel Logout 1.0 §2.4 logout tokens: header, claims, and what must never be in them.
#include "oidc/logout_token.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "jose/jws.hpp"
#include "store/models.hpp"

namespace authly::oidc {
namespace {

const core::TimePoint kNow = core::from_unix(1'800'000'000);

LogoutTokenClaims claims() {
  LogoutTokenClaims c;
  c.issuer = "https://id.example.test";
  c.audience = "app";
  c.subject = "user-1";
  c.sid = "sid-1";
  c.jti = "jti-1";
  c.issued_at = kNow;
  return c;
}

struct Decoded {
  boost::json::object header;
  boost::json::object payload;
};

Decoded verify(const std::string& token, const jose::SigningKey& key) {
  auto v = jose::verify(token, key.public_jwk(), jose::AlgorithmSet::asymmetric());
  EXPECT_TRUE(v.ok());
  if (!v) return {};
  return {v->header, boost::json::parse(v->payload).as_object()};
}

TEST(LogoutToken, HeaderTypIsLogoutJwtAndAlgIsTheKeys) {
  const auto key = jose::SigningKey::generate(jose::Algorithm::ES256, "k1");
  const auto d = verify(issue_logout_token(key, claims()), key);
  EXPECT_EQ(d.header.at("typ").as_string(), "logout+jwt");
  EXPECT_EQ(d.header.at("alg").as_string(), "ES256");
  EXPECT_EQ(d.header.at("kid").as_string(), "k1");
}

TEST(LogoutToken, CarriesIssAudIatExpJtiSubSid) {
  const auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  const auto p = verify(issue_logout_token(key, claims()), key).payload;
  EXPECT_EQ(p.at("iss").as_string(), "https://id.example.test");
  EXPECT_EQ(p.at("aud").as_string(), "app");
  EXPECT_EQ(p.at("sub").as_string(), "user-1");
  EXPECT_EQ(p.at("sid").as_string(), "sid-1");
  EXPECT_EQ(p.at("jti").as_string(), "jti-1");
  EXPECT_EQ(p.at("iat").as_int64(), 1'800'000'000);
  EXPECT_EQ(p.at("exp").as_int64(), 1'800'000'000 + 120);
}

TEST(LogoutToken, EventsMemberIsTheBackchannelLogoutEventWithAnEmptyObject) {
  const auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  const auto p = verify(issue_logout_token(key, claims()), key).payload;
  const auto& events = p.at("events").as_object();
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events.contains("http://schemas.openid.net/event/backchannel-logout"));
  EXPECT_TRUE(events.at("http://schemas.openid.net/event/backchannel-logout").as_object().empty());
}

TEST(LogoutToken, NeverCarriesNonce) {
  const auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  const auto p = verify(issue_logout_token(key, claims()), key).payload;
  EXPECT_FALSE(p.contains("nonce"));
}

TEST(LogoutToken, NeedsSubOrSid) {
  const auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  auto only_sid = claims();
  only_sid.subject.clear();
  const auto p = verify(issue_logout_token(key, only_sid), key).payload;
  EXPECT_FALSE(p.contains("sub"));
  EXPECT_EQ(p.at("sid").as_string(), "sid-1");
  auto neither = only_sid;
  neither.sid.clear();
  EXPECT_THROW(issue_logout_token(key, neither), std::invalid_argument);
}

TEST(LogoutToken, SignedWithTheClientsIdTokenAlgorithm) {
  store::Client c;
  for (auto [registered, expected] :
       {std::pair{"RS256", jose::Algorithm::RS256}, std::pair{"PS256", jose::Algorithm::PS256},
        std::pair{"ES256", jose::Algorithm::ES256}, std::pair{"EdDSA", jose::Algorithm::EdDSA}}) {
    c.id_token_signed_response_alg = registered;
    EXPECT_EQ(id_token_algorithm(c), expected) << registered;
  }
  // Never a symmetric or unsigned token, whatever a row says.
  for (const char* bad : {"HS256", "none", "", "rs256"}) {
    c.id_token_signed_response_alg = bad;
    EXPECT_EQ(id_token_algorithm(c), jose::Algorithm::RS256) << bad;
  }
}

}  // namespace
}  // namespace authly::oidc
