// RFC 7591 §2 client metadata parsing: JSON shape and the RFC's own consistency rules.
#include "oauth/client_metadata.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

ErrorCode error_of(std::string_view json) {
  auto m = parse_client_metadata(json);
  EXPECT_FALSE(static_cast<bool>(m)) << json;
  return m ? ErrorCode::server_error : m.error().code;
}

TEST(ClientMetadata, ParsesRfc7591Members) {
  auto m = parse_client_metadata(R"({
    "client_name": "Shop", "redirect_uris": ["https://shop.example/cb"],
    "post_logout_redirect_uris": ["https://shop.example/bye"], "grant_types": ["authorization_code", "refresh_token"],
    "response_types": ["code"], "token_endpoint_auth_method": "client_secret_post", "scope": "openid profile",
    "backchannel_logout_uri": "https://shop.example/bcl", "logo_uri": "https://ignored.example/logo.png"})");
  ASSERT_TRUE(m) << m.error().description;
  EXPECT_EQ(m->client_name, "Shop");
  EXPECT_EQ(m->redirect_uris, std::vector<std::string>{"https://shop.example/cb"});
  EXPECT_EQ(m->post_logout_redirect_uris.size(), 1u);
  EXPECT_EQ(m->grant_types.size(), 2u);
  EXPECT_EQ(m->token_endpoint_auth_method, "client_secret_post");
  EXPECT_EQ(m->scope, "openid profile");
  EXPECT_EQ(m->backchannel_logout_uri, "https://shop.example/bcl");
  EXPECT_FALSE(m->client_id);
  EXPECT_EQ(effective_client_type(*m), "confidential");
}

TEST(ClientMetadata, AuthMethodNoneMeansPublicClient) {
  auto m = parse_client_metadata(R"({"redirect_uris":["com.example.app:/cb"],"token_endpoint_auth_method":"none"})");
  ASSERT_TRUE(m);
  EXPECT_EQ(effective_client_type(*m), "public");
  auto explicit_type = parse_client_metadata(R"({"client_type":"public"})");
  ASSERT_TRUE(explicit_type);
  EXPECT_EQ(effective_client_type(*explicit_type), "public");
}

TEST(ClientMetadata, MalformedJsonIsInvalidClientMetadata) {
  EXPECT_EQ(error_of("{not json"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of("[]"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(""), ErrorCode::invalid_client_metadata);
}

TEST(ClientMetadata, WrongMemberTypesAreRejected) {
  EXPECT_EQ(error_of(R"({"redirect_uris":"https://a.example/cb"})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"redirect_uris":[1]})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"client_name":42})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"require_consent":"no"})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"jwks":"{}"})"), ErrorCode::invalid_client_metadata);
}

TEST(ClientMetadata, NullMeansAbsent) {
  auto m = parse_client_metadata(R"({"client_name":null,"redirect_uris":null})");
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->client_name.empty());
  EXPECT_TRUE(m->redirect_uris.empty());
}

TEST(ClientMetadata, OnlyTheCodeResponseType) {
  EXPECT_EQ(error_of(R"({"response_types":["token"]})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"response_types":["code id_token"]})"), ErrorCode::invalid_client_metadata);
}

TEST(ClientMetadata, ResponseAndGrantTypesMustAgree) {
  // RFC 7591 §2.1: "code" needs authorization_code and the other way round.
  EXPECT_EQ(error_of(R"({"grant_types":["client_credentials"],"response_types":["code"]})"),
            ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"grant_types":["authorization_code"],"response_types":[]})"),
            ErrorCode::invalid_client_metadata);
  EXPECT_TRUE(parse_client_metadata(R"({"grant_types":["client_credentials"]})"));
  EXPECT_TRUE(parse_client_metadata(R"({"grant_types":["authorization_code"],"response_types":["code"]})"));
}

TEST(ClientMetadata, JwksAndJwksUriAreExclusive) {
  const std::string jwk = R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                          R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";
  auto ok = parse_client_metadata(R"({"jwks":{"keys":[)" + jwk + "]}}");
  ASSERT_TRUE(ok) << ok.error().description;
  EXPECT_NE(ok->jwks.find("P-256"), std::string::npos);
  EXPECT_EQ(error_of(R"({"jwks_uri":"https://a.example/jwks","jwks":{"keys":[)" + jwk + "]}}"),
            ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"jwks":{"keys":[]}})"), ErrorCode::invalid_client_metadata);
}

TEST(ClientMetadata, ClientIdAndSecretAreCarriedForUpdates) {
  auto m = parse_client_metadata(R"({"client_id":"abc","client_secret":"s3cret"})");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->client_id.value_or(""), "abc");
  EXPECT_EQ(m->client_secret.value_or(""), "s3cret");
}

}  // namespace
}  // namespace authly::oauth
