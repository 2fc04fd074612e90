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

// OpenID Connect members (OIDC Registration §2, Back-Channel Logout §2.2, RP-Initiated Logout §3.1).

TEST(ClientMetadata, ParsesOidcMembers) {
  auto m = parse_client_metadata(R"({"redirect_uris":["https://shop.example/cb"],
    "id_token_signed_response_alg":"ES256","subject_type":"pairwise",
    "sector_identifier_uri":"https://shop.example/sector.json",
    "post_logout_redirect_uris":["https://shop.example/bye"],
    "backchannel_logout_uri":"https://shop.example/bcl","backchannel_logout_session_required":true})");
  ASSERT_TRUE(m) << m.error().description;
  EXPECT_EQ(m->id_token_signed_response_alg, "ES256");
  EXPECT_EQ(m->subject_type, "pairwise");
  EXPECT_EQ(m->sector_identifier_uri, "https://shop.example/sector.json");
  EXPECT_EQ(m->post_logout_redirect_uris, std::vector<std::string>{"https://shop.example/bye"});
  EXPECT_EQ(m->backchannel_logout_session_required, true);
}

TEST(ClientMetadata, OidcMembersMustHaveTheirJsonTypes) {
  EXPECT_EQ(error_of(R"({"id_token_signed_response_alg":256})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"subject_type":["pairwise"]})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"sector_identifier_uri":{}})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"backchannel_logout_session_required":"yes"})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"post_logout_redirect_uris":"https://a.example/bye"})"), ErrorCode::invalid_client_metadata);
}

TEST(OidcClientRules, IdTokenAlgIsAnAsymmetricAlgorithmWeSign) {
  for (const char* ok : {"RS256", "PS256", "ES256", "EdDSA"})
    EXPECT_FALSE(check_id_token_signed_response_alg(ok)) << ok;
  for (const char* bad : {"none", "HS256", "RS512", "rs256", ""})
    EXPECT_TRUE(check_id_token_signed_response_alg(bad)) << bad;
  EXPECT_NE(check_id_token_signed_response_alg("none")->find("none"), std::string::npos);
}

// OIDC Registration §2 userinfo_signed_response_alg: absent means plain JSON (Core §5.3.2).
TEST(ClientMetadata, ParsesUserinfoSignedResponseAlg) {
  auto m = parse_client_metadata(R"({"redirect_uris":["https://shop.example/cb"],
    "userinfo_signed_response_alg":"PS256"})");
  ASSERT_TRUE(m) << m.error().description;
  EXPECT_EQ(m->userinfo_signed_response_alg, "PS256");
  EXPECT_EQ(m->id_token_signed_response_alg, "");  // the two members are independent
  auto absent = parse_client_metadata(R"({"redirect_uris":["https://shop.example/cb"]})");
  ASSERT_TRUE(absent);
  EXPECT_EQ(absent->userinfo_signed_response_alg, "");
  auto null = parse_client_metadata(R"({"userinfo_signed_response_alg":null})");
  ASSERT_TRUE(null);
  EXPECT_EQ(null->userinfo_signed_response_alg, "");
}

TEST(ClientMetadata, UserinfoSignedResponseAlgMustBeAString) {
  EXPECT_EQ(error_of(R"({"userinfo_signed_response_alg":256})"), ErrorCode::invalid_client_metadata);
  EXPECT_EQ(error_of(R"({"userinfo_signed_response_alg":["RS256"]})"), ErrorCode::invalid_client_metadata);
}

TEST(OidcClientRules, UserinfoAlgIsAbsentOrAnAsymmetricAlgorithmWeSign) {
  EXPECT_FALSE(check_userinfo_signed_response_alg(""));  // absent: plain JSON
  for (const char* ok : {"RS256", "PS256", "ES256", "EdDSA"})
    EXPECT_FALSE(check_userinfo_signed_response_alg(ok)) << ok;
  for (const char* bad : {"none", "HS256", "HS384", "HS512", "RS512", "es256", "RSA-OAEP"})
    EXPECT_TRUE(check_userinfo_signed_response_alg(bad)) << bad;
}

TEST(OidcClientRules, UserinfoAlgNoneIsRefusedWithAReason) {
  const auto why = check_userinfo_signed_response_alg("none");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("none"), std::string::npos) << *why;
  const auto hs = check_userinfo_signed_response_alg("HS256");
  ASSERT_TRUE(hs);
  EXPECT_NE(hs->find("userinfo_signed_response_alg"), std::string::npos) << *hs;
}

TEST(OidcClientRules, SubjectTypeIsPublicOrPairwise) {
  const std::vector<std::string> one_host{"https://a.example/cb", "https://a.example:8443/other"};
  EXPECT_FALSE(check_subject_type("public", "", one_host));
  EXPECT_FALSE(check_subject_type("pairwise", "", one_host));  // one host, ports aside
  EXPECT_TRUE(check_subject_type("Pairwise", "", one_host));
  EXPECT_TRUE(check_subject_type("secret", "", one_host));
}

TEST(OidcClientRules, PairwiseOnSeveralHostsNeedsASectorIdentifier) {
  const std::vector<std::string> two_hosts{"https://a.example/cb", "https://b.example/cb"};
  EXPECT_TRUE(check_subject_type("pairwise", "", two_hosts));
  EXPECT_FALSE(check_subject_type("pairwise", "https://a.example/sector.json", two_hosts));
  EXPECT_FALSE(check_subject_type("public", "", two_hosts));
  // No host to derive a sector from (no redirect URI, or a native app's private-use scheme).
  EXPECT_TRUE(check_subject_type("pairwise", "", {}));
  EXPECT_TRUE(check_subject_type("pairwise", "", {"com.example.app:/cb"}));
}

TEST(OidcClientRules, SectorIdentifierUriIsHttps) {
  EXPECT_FALSE(check_sector_identifier_uri("https://a.example/sector.json"));
  EXPECT_TRUE(check_sector_identifier_uri("http://a.example/sector.json"));
  EXPECT_TRUE(check_sector_identifier_uri("https://a.example/sector.json#x"));
  EXPECT_TRUE(check_sector_identifier_uri("/sector.json"));
  EXPECT_TRUE(check_sector_identifier_uri("https://user:pw@a.example/sector.json"));
}

TEST(OidcClientRules, BackchannelLogoutUriIsHttpsOrLoopbackHttp) {
  EXPECT_FALSE(check_backchannel_logout_uri("https://rp.example/logout?tenant=1",
                                            Registrar::administrator));  // a query is allowed
  EXPECT_FALSE(check_backchannel_logout_uri("http://127.0.0.1:9000/logout", Registrar::administrator));
  EXPECT_FALSE(check_backchannel_logout_uri("http://localhost/logout", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("http://rp.example/logout", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("http://127.0.0.1.evil.example/logout", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("https://rp.example/logout#frag", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("rp.example/logout", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("com.example.app:/logout", Registrar::administrator));
  EXPECT_TRUE(check_backchannel_logout_uri("javascript:alert(1)", Registrar::administrator));
}

}  // namespace
}  // namespace authly::oauth
