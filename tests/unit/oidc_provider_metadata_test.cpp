// OpenID Provider Metadata (OIDC Discovery 1.0 §3) on top of the RFC 8414 document.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "oidc/claims.hpp"
#include "oidc/discovery.hpp"
#include "store/store.hpp"

namespace authly::oidc {
namespace {

config::Config config_with_issuer(std::string issuer) {
  config::Config c;
  c.issuer = std::move(issuer);
  return c;
}

std::vector<std::string> strings_of(const boost::json::object& doc, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& v : doc.at(key).as_array()) out.emplace_back(v.as_string());
  return out;
}

bool has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(ProviderMetadata, IssuerIsExactlyTheConfiguredOne) {
  // Discovery §4.3: the issuer value must be identical to the URL the metadata was fetched from.
  for (const char* issuer : {"https://id.example.com", "https://id.example.com/tenant-a"})
    EXPECT_EQ(provider_metadata(config_with_issuer(issuer), {}).at("issuer").as_string(), issuer);
}

TEST(ProviderMetadata, OidcEndpointsAreBuiltFromTheIssuer) {
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com/t"), {"openid"});
  EXPECT_EQ(doc.at("userinfo_endpoint").as_string(), "https://id.example.com/t/oidc/userinfo");
  EXPECT_EQ(doc.at("end_session_endpoint").as_string(), "https://id.example.com/t/oidc/logout");
  EXPECT_EQ(doc.at("jwks_uri").as_string(), "https://id.example.com/t/oidc/jwks");
  EXPECT_EQ(doc.at("authorization_endpoint").as_string(), "https://id.example.com/t/oauth/authorize");
}

TEST(ProviderMetadata, RequiredMembersOfDiscoverySection3) {
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {"openid", "profile"});
  for (const char* member :
       {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "response_types_supported",
        "subject_types_supported", "id_token_signing_alg_values_supported"})
    EXPECT_TRUE(doc.contains(member)) << member;
  // Core §15.1: RS256 must be supported for ID tokens.
  EXPECT_TRUE(has(strings_of(doc, "id_token_signing_alg_values_supported"), "RS256"));
  EXPECT_FALSE(has(strings_of(doc, "id_token_signing_alg_values_supported"), "none"));
  EXPECT_EQ(strings_of(doc, "subject_types_supported"), (std::vector<std::string>{"public", "pairwise"}));
  EXPECT_EQ(strings_of(doc, "response_types_supported"), (std::vector<std::string>{"code"}));
  EXPECT_EQ(strings_of(doc, "scopes_supported"), (std::vector<std::string>{"openid", "profile"}));
}

TEST(ProviderMetadata, UserinfoSigningAlgorithmsAreTheOnesClientsMayRegister) {
  // Discovery §3 userinfo_signing_alg_values_supported; Core §5.3.2 signed UserInfo responses.
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {});
  EXPECT_EQ(strings_of(doc, "userinfo_signing_alg_values_supported"),
            (std::vector<std::string>{"RS256", "PS256", "ES256", "EdDSA"}));
}

TEST(ProviderMetadata, ClaimsSupportedListsTheStandardClaims) {
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {});
  const auto claims = strings_of(doc, "claims_supported");
  for (const char* c : {"sub", "iss", "auth_time", "name", "email", "email_verified", "address", "phone_number"})
    EXPECT_TRUE(has(claims, c)) << c;
  EXPECT_TRUE(doc.at("claims_parameter_supported").as_bool());
}

TEST(ProviderMetadata, RequestUriIsExplicitlyUnsupported) {
  // Discovery §3: request_uri_parameter_supported defaults to true when omitted.
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {});
  ASSERT_TRUE(doc.contains("request_uri_parameter_supported"));
  EXPECT_FALSE(doc.at("request_uri_parameter_supported").as_bool());
  EXPECT_FALSE(doc.at("request_parameter_supported").as_bool());
}

TEST(ProviderMetadata, LogoutCapabilities) {
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {});
  EXPECT_TRUE(doc.at("backchannel_logout_supported").as_bool());
  EXPECT_TRUE(doc.at("backchannel_logout_session_supported").as_bool());
  EXPECT_FALSE(doc.at("frontchannel_logout_supported").as_bool());
}

TEST(ProviderMetadata, PromptValuesAreTheOnesTheAuthorizationEndpointAccepts) {
  const auto doc = provider_metadata(config_with_issuer("https://id.example.com"), {});
  EXPECT_EQ(strings_of(doc, "prompt_values_supported"), (std::vector<std::string>{"none", "login", "consent"}));
}

TEST(ProviderMetadata, WellKnownPathIsAppendedAfterTheIssuerPath) {
  // Discovery §4: unlike RFC 8414, the suffix follows the issuer's path.
  EXPECT_EQ(openid_configuration_path("https://id.example.com"), "/.well-known/openid-configuration");
  EXPECT_EQ(openid_configuration_path("https://id.example.com/"), "/.well-known/openid-configuration");
  EXPECT_EQ(openid_configuration_path("https://id.example.com/tenant"), "/tenant/.well-known/openid-configuration");
}

// Discovery §3 scopes_supported: the scope registry as it is when the document is built.
TEST(ProviderMetadata, ServedDocumentAdvertisesTheScopeRegistry) {
  auto store = store::open_store({"sqlite::memory:", 1, 5'000});
  store->migrate();
  store::Scope extra;
  extra.name = "orders:read";
  store->scopes().create(extra);
  const auto doc =
      boost::json::parse(provider_metadata_json(config_with_issuer("https://id.example.com"), store->scopes()))
          .as_object();
  const auto& supported = doc.at("scopes_supported").as_array();
  auto has = [&](std::string_view name) {
    return std::any_of(supported.begin(), supported.end(), [&](const auto& v) { return v.as_string() == name; });
  };
  EXPECT_TRUE(has("openid"));
  EXPECT_TRUE(has("orders:read"));
  EXPECT_EQ(supported.size(), store->scopes().list().size());
}

}  // namespace
}  // namespace authly::oidc
