// RFC 8414 authorization server metadata, built as a plain function of the configuration.
#include "oauth/discovery.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace authly::oauth {
namespace {

config::Config config_with_issuer(std::string issuer) {
  config::Config c;
  c.issuer = std::move(issuer);
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  return c;
}

bool array_has(const boost::json::object& doc, std::string_view key, std::string_view value) {
  const auto& a = doc.at(key).as_array();
  return std::any_of(a.begin(), a.end(), [&](const auto& v) { return v.as_string() == value; });
}

TEST(Discovery, EveryUrlIsBuiltFromTheIssuer) {
  auto c = config_with_issuer("https://auth.example.com/tenant-a");
  c.oauth.dynamic_registration = true;
  const auto doc = discovery_document(c, {"openid"});
  EXPECT_EQ(doc.at("issuer").as_string(), "https://auth.example.com/tenant-a");
  const std::pair<const char*, const char*> expected[] = {
      {"authorization_endpoint", "https://auth.example.com/tenant-a/oauth/authorize"},
      {"token_endpoint", "https://auth.example.com/tenant-a/auth/token"},
      {"jwks_uri", "https://auth.example.com/tenant-a/oidc/jwks"},
      {"revocation_endpoint", "https://auth.example.com/tenant-a/auth/revoke"},
      {"introspection_endpoint", "https://auth.example.com/tenant-a/auth/introspect"},
      {"registration_endpoint", "https://auth.example.com/tenant-a/oauth/clients"},
  };
  for (const auto& [key, url] : expected) EXPECT_EQ(doc.at(key).as_string(), url) << key;
  // Every *_endpoint / *_uri member starts with the issuer: none is forgotten by the list above.
  for (const auto& member : doc) {
    const std::string_view key = member.key();
    if (key.ends_with("_endpoint") || key.ends_with("_uri")) {
      EXPECT_TRUE(member.value().as_string().starts_with("https://auth.example.com/tenant-a/")) << key;
    }
  }
}

TEST(Discovery, TrailingSlashIsNotDuplicated) {
  EXPECT_EQ(issuer_url("https://auth.example.com/", "/auth/token"), "https://auth.example.com/auth/token");
  EXPECT_EQ(issuer_url("https://auth.example.com", "/auth/token"), "https://auth.example.com/auth/token");
}

TEST(Discovery, WellKnownPathInsertsSuffixBeforeIssuerPath) {
  EXPECT_EQ(well_known_path("https://a.example", "oauth-authorization-server"),
            "/.well-known/oauth-authorization-server");
  EXPECT_EQ(well_known_path("https://a.example/t1", "oauth-authorization-server"),
            "/.well-known/oauth-authorization-server/t1");
}

TEST(Discovery, PasswordGrantAdvertisedOnlyWhenEnabled) {
  auto c = config_with_issuer("https://auth.example.com");
  EXPECT_FALSE(array_has(discovery_document(c, {}), "grant_types_supported", "password"));
  EXPECT_TRUE(array_has(discovery_document(c, {}), "grant_types_supported", "authorization_code"));
  c.oauth.password_grant = true;
  EXPECT_TRUE(array_has(discovery_document(c, {}), "grant_types_supported", "password"));
}

TEST(Discovery, RegistrationEndpointOnlyWhenEnabled) {
  auto c = config_with_issuer("https://auth.example.com");
  EXPECT_FALSE(discovery_document(c, {}).contains("registration_endpoint"));
  c.oauth.dynamic_registration = true;
  EXPECT_EQ(discovery_document(c, {}).at("registration_endpoint").as_string(),
            "https://auth.example.com/oauth/clients");
}

TEST(Discovery, CodeChallengeMethodsAreS256Only) {
  const auto doc = discovery_document(config_with_issuer("https://auth.example.com"), {});
  const auto& methods = doc.at("code_challenge_methods_supported").as_array();
  ASSERT_EQ(methods.size(), 1u);
  EXPECT_EQ(methods[0].as_string(), "S256");
}

TEST(Discovery, OnlyTheCodeResponseTypeAndIssParameter) {
  const auto doc = discovery_document(config_with_issuer("https://auth.example.com"), {});
  ASSERT_EQ(doc.at("response_types_supported").as_array().size(), 1u);
  EXPECT_TRUE(array_has(doc, "response_types_supported", "code"));
  EXPECT_TRUE(doc.at("authorization_response_iss_parameter_supported").as_bool());
  EXPECT_TRUE(array_has(doc, "response_modes_supported", "form_post"));
}

TEST(Discovery, IntrospectionDoesNotOfferNoneButRevocationDoes) {
  const auto doc = discovery_document(config_with_issuer("https://auth.example.com"), {});
  EXPECT_FALSE(array_has(doc, "introspection_endpoint_auth_methods_supported", "none"));
  EXPECT_TRUE(array_has(doc, "introspection_endpoint_auth_methods_supported", "private_key_jwt"));
  EXPECT_TRUE(array_has(doc, "revocation_endpoint_auth_methods_supported", "none"));
  EXPECT_TRUE(array_has(doc, "token_endpoint_auth_methods_supported", "none"));
  EXPECT_TRUE(array_has(doc, "token_endpoint_auth_signing_alg_values_supported", "EdDSA"));
  EXPECT_FALSE(array_has(doc, "token_endpoint_auth_signing_alg_values_supported", "HS256"));
}

TEST(Discovery, ScopesComeFromTheRegistryInOrder) {
  const auto doc =
      discovery_document(config_with_issuer("https://auth.example.com"), {"openid", "profile", "api:read"});
  const auto& scopes = doc.at("scopes_supported").as_array();
  ASSERT_EQ(scopes.size(), 3u);
  EXPECT_EQ(scopes[2].as_string(), "api:read");
}

}  // namespace
}  // namespace authly::oauth
