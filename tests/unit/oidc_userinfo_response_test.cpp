// OIDC Core §5.3.2 signed UserInfo responses (oidc/userinfo_response.hpp): which clients get one,
// and the JWS itself (typ, kid, alg, iss and aud next to the released claims).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "oidc/userinfo_response.hpp"

namespace authly::oidc {
namespace {

using jose::Algorithm;

store::Client client_with(std::string alg) {
  store::Client c;
  c.id = "rp";
  c.userinfo_signed_response_alg = std::move(alg);
  return c;
}

TEST(UserinfoResponse, UnsignedUnlessTheClientRegisteredAnAlgorithm) {
  EXPECT_FALSE(userinfo_signing_alg(client_with("")));
  // The ID-token algorithm says nothing about UserInfo (OIDC Registration §2: independent members).
  auto c = client_with("");
  c.id_token_signed_response_alg = "ES256";
  EXPECT_FALSE(userinfo_signing_alg(c));
  EXPECT_EQ(userinfo_signing_alg(client_with("RS256")), Algorithm::RS256);
  EXPECT_EQ(userinfo_signing_alg(client_with("PS256")), Algorithm::PS256);
  EXPECT_EQ(userinfo_signing_alg(client_with("ES256")), Algorithm::ES256);
  EXPECT_EQ(userinfo_signing_alg(client_with("EdDSA")), Algorithm::EdDSA);
}

TEST(UserinfoResponse, AStoredAlgorithmRegistrationRefusesIsAServerFaultNotPlainJson) {
  for (const char* bad : {"none", "HS256", "RS512"})
    EXPECT_THROW(userinfo_signing_alg(client_with(bad)), std::runtime_error) << bad;
}

TEST(UserinfoResponse, JwsCarriesTheClaimsPlusIssAndAud) {
  const auto key = jose::SigningKey::generate(Algorithm::ES256);
  boost::json::object claims;
  claims["sub"] = "user-1";
  claims["email"] = "alice@example.com";
  claims["email_verified"] = true;
  const auto token = sign_userinfo(key, claims, "https://id.example.com", "rp");

  jose::JwkSet keys;
  keys.add(key.public_jwk());
  auto v = jose::verify(token, keys, jose::AlgorithmSet::asymmetric());
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->alg, Algorithm::ES256);
  EXPECT_EQ(v->header.at("typ").as_string(), "JWT");
  EXPECT_EQ(v->header.at("kid").as_string(), key.kid());
  const auto payload = boost::json::parse(v->payload).as_object();
  EXPECT_EQ(payload.at("iss").as_string(), "https://id.example.com");
  EXPECT_EQ(payload.at("aud").as_string(), "rp");
  EXPECT_EQ(payload.at("sub").as_string(), "user-1");
  EXPECT_EQ(payload.at("email").as_string(), "alice@example.com");
  EXPECT_TRUE(payload.at("email_verified").as_bool());
}

TEST(UserinfoResponse, IssAndAudAreOursWhateverTheClaimsHold) {
  const auto key = jose::SigningKey::generate(Algorithm::EdDSA);
  boost::json::object claims;
  claims["sub"] = "user-1";
  claims["iss"] = "https://evil.example";
  claims["aud"] = "other-rp";
  const auto token = sign_userinfo(key, claims, "https://id.example.com", "rp");
  jose::JwkSet keys;
  keys.add(key.public_jwk());
  auto v = jose::verify(token, keys, jose::AlgorithmSet::asymmetric());
  ASSERT_TRUE(v.ok()) << v.error().message;
  const auto payload = boost::json::parse(v->payload).as_object();
  EXPECT_EQ(payload.at("iss").as_string(), "https://id.example.com");
  EXPECT_EQ(payload.at("aud").as_string(), "rp");
}

}  // namespace
}  // namespace authly::oidc
