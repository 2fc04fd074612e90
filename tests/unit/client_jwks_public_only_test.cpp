// A client's JWK Set holds public keys only, and a bounded number of them (oauth/client_jwks.hpp):
// at registration (JSON API, CLI) and in a fetched jwks_uri document.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "jose/signing_key.hpp"
#include "oauth/client_jwks.hpp"
#include "oauth/client_metadata.hpp"

namespace authly::oauth {
namespace {

boost::json::object public_key() { return jose::SigningKey::generate(jose::Algorithm::ES256).public_jwk().to_json(); }

std::string jwks_of(std::vector<boost::json::object> keys) {
  boost::json::array a;
  for (auto& k : keys) a.push_back(std::move(k));
  return boost::json::serialize(boost::json::object{{"keys", std::move(a)}});
}

TEST(ClientJwksPublicOnly, PrivateMembersAreRefused) {
  ASSERT_TRUE(parse_client_jwks(jwks_of({public_key()})));
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}) {
    auto key = public_key();
    key[member] = "AAAA";
    auto parsed = parse_client_jwks(jwks_of({public_key(), key}));
    EXPECT_FALSE(parsed) << member;
    if (!parsed) {
      EXPECT_EQ(parsed.error().find("AAAA"), std::string::npos);  // never echoes the input
    }
  }
  // An oct key is a shared secret: refused whole, not skipped.
  EXPECT_FALSE(parse_client_jwks(jwks_of({public_key(), {{"kty", "oct"}, {"k", "c2VjcmV0"}}})));
}

TEST(ClientJwksPublicOnly, NumberOfKeysIsCapped) {
  std::vector<boost::json::object> keys(kMaxClientJwks, public_key());
  EXPECT_TRUE(parse_client_jwks(jwks_of(keys)));
  keys.push_back(public_key());
  EXPECT_FALSE(parse_client_jwks(jwks_of(keys)));
}

TEST(ClientJwksPublicOnly, RegistrationRefusesAPrivateKeyAsInvalidClientMetadata) {
  auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  auto with_d = key.public_jwk().to_json();
  with_d["d"] = "3HNhOtH_Px9MLzT1XVIn2JcnwYJzxVR-UQuWvIdQ4sg";
  auto r =
      parse_client_metadata(R"({"token_endpoint_auth_method":"private_key_jwt","jwks":)" + jwks_of({with_d}) + "}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_client_metadata);
  std::vector<boost::json::object> many(kMaxClientJwks + 1, public_key());
  auto too_many = parse_client_metadata(R"({"jwks":)" + jwks_of(many) + "}");
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, ErrorCode::invalid_client_metadata);
}

TEST(ClientJwksPublicOnly, EchoedSetsLosePrivateMembers) {
  auto key = public_key();
  key["d"] = "secret";
  key["k"] = "secret";
  auto cleaned = public_client_jwks(boost::json::parse(jwks_of({key})).as_object());
  const auto& echoed = cleaned.at("keys").as_array().at(0).as_object();
  EXPECT_FALSE(echoed.contains("d"));
  EXPECT_FALSE(echoed.contains("k"));
  EXPECT_TRUE(echoed.contains("x"));
}

}  // namespace
}  // namespace authly::oauth
