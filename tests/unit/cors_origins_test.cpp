// Which origins may call the token-side endpoints from a browser (oauth/cors_origins.hpp): the
// origins of registered redirect URIs (draft-ietf-oauth-browser-based-apps) plus http.cors_origins,
// compared exactly as the browser serializes them (core::web_origin, tests/unit/web_origin_test.cpp),
// and the configuration key's syntax.
#include "oauth/cors_origins.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "config/config.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth {
namespace {

using CC = CorsCallers;

store::Client client(std::string id, store::ClientType type, std::vector<std::string> redirect_uris) {
  auto c = test::test_client(std::move(id));
  c.type = type;
  c.redirect_uris = std::move(redirect_uris);
  return c;
}

class CorsOriginsTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> store_ = test::memory_store(false);
};

// --- the allow rule ---

TEST_F(CorsOriginsTest, AllowsTheOriginOfARegisteredRedirectUri) {
  store_->clients().create(client("spa", store::ClientType::public_, {"https://spa.example/cb"}));
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://spa.example", CC::any_client));
}

TEST_F(CorsOriginsTest, ComparesTheWholeOriginExactly) {
  store_->clients().create(client("spa", store::ClientType::public_, {"https://spa.example:8443/cb"}));
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://spa.example:8443", CC::any_client));
  EXPECT_FALSE(origins.allows("https://spa.example", CC::any_client));            // another port
  EXPECT_FALSE(origins.allows("http://spa.example:8443", CC::any_client));        // another scheme
  EXPECT_FALSE(origins.allows("https://evil.spa.example:8443", CC::any_client));  // a subdomain
  EXPECT_FALSE(origins.allows("https://spa.example:8443/", CC::any_client));      // not a serialization
  EXPECT_FALSE(origins.allows("https://spa.example:8443.evil", CC::any_client));
  EXPECT_FALSE(origins.allows("HTTPS://SPA.EXAMPLE:8443", CC::any_client));  // browsers send lower case
}

TEST_F(CorsOriginsTest, NeverAllowsTheOpaqueOriginNull) {
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_FALSE(origins.allows("null", CC::any_client));
  EXPECT_FALSE(origins.allows("", CC::any_client));
}

TEST_F(CorsOriginsTest, AllowsConfiguredOriginsForEveryEndpoint) {
  CorsOrigins origins({"https://console.example"});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://console.example", CC::any_client));
  EXPECT_TRUE(origins.allows("https://console.example", CC::confidential_clients));
  EXPECT_FALSE(origins.allows("https://other.example", CC::any_client));
}

TEST_F(CorsOriginsTest, IntrospectionAllowsOnlyTheOriginsOfConfidentialClients) {
  store_->clients().create(client("spa", store::ClientType::public_, {"https://spa.example/cb"}));
  store_->clients().create(client("web", store::ClientType::confidential, {"https://web.example/cb"}));
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://spa.example", CC::any_client));
  EXPECT_FALSE(origins.allows("https://spa.example", CC::confidential_clients));
  EXPECT_TRUE(origins.allows("https://web.example", CC::confidential_clients));
}

TEST_F(CorsOriginsTest, AnOriginSharedByAPublicAndAConfidentialClientCountsAsConfidential) {
  store_->clients().create(client("web", store::ClientType::confidential, {"https://app.example/server-cb"}));
  store_->clients().create(client("spa", store::ClientType::public_, {"https://app.example/cb"}));
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://app.example", CC::confidential_clients));
}

TEST_F(CorsOriginsTest, IgnoresDisabledClients) {
  auto c = client("spa", store::ClientType::public_, {"https://spa.example/cb"});
  c.is_active = false;
  store_->clients().create(c);
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_FALSE(origins.allows("https://spa.example", CC::any_client));
}

TEST_F(CorsOriginsTest, ReadsEveryPageOfClients) {
  for (int i = 0; i < 1'200; ++i) {
    // Appended, not chained with +: GCC 12 reports a false -Wrestrict on the chain.
    std::string id("c"), uri("https://app");
    id.append(std::to_string(i));
    uri.append(std::to_string(i)).append(".example/cb");
    store_->clients().create(client(id, store::ClientType::public_, {uri}));
  }
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_TRUE(origins.allows("https://app0.example", CC::any_client));
  EXPECT_TRUE(origins.allows("https://app1199.example", CC::any_client));
}

// --- keeping the set current ---

TEST_F(CorsOriginsTest, AClientRegisteredThroughThisInstanceIsAllowedAtOnce) {
  CorsOrigins origins({});
  origins.reload(*store_);
  const auto c = client("spa", store::ClientType::public_, {"https://new.example/cb"});
  store_->clients().create(c);
  origins.note_change(&c);
  EXPECT_TRUE(origins.allows("https://new.example", CC::any_client));
}

TEST_F(CorsOriginsTest, RefreshReloadsOnlyWhenTheClientsChanged) {
  CorsOrigins origins({});
  origins.reload(*store_);
  EXPECT_FALSE(origins.refresh(*store_));  // nothing moved: one version query, no reload
  // Written elsewhere (the CLI, another instance): seen at the next refresh.
  store_->clients().create(client("spa", store::ClientType::public_, {"https://later.example/cb"}));
  EXPECT_FALSE(origins.allows("https://later.example", CC::any_client));
  EXPECT_TRUE(origins.refresh(*store_));
  EXPECT_TRUE(origins.allows("https://later.example", CC::any_client));
}

TEST_F(CorsOriginsTest, ARemovedClientsOriginGoesAtTheNextRefresh) {
  store_->clients().create(client("spa", store::ClientType::public_, {"https://gone.example/cb"}));
  CorsOrigins origins({});
  origins.reload(*store_);
  ASSERT_TRUE(origins.allows("https://gone.example", CC::any_client));
  store_->clients().remove("spa");
  origins.note_change(nullptr);
  EXPECT_TRUE(origins.refresh(*store_));
  EXPECT_FALSE(origins.allows("https://gone.example", CC::any_client));
}

// --- http.cors_origins ---

std::string cors_origins_error(const std::string& value) {
  try {
    config::load({.environment = {{"AUTHLY_HTTP_CORS_ORIGINS", value}}});
  } catch (const config::ConfigError& e) {
    return e.key();
  }
  return {};
}

TEST(CorsOriginsConfig, AcceptsOriginsAsBrowsersSerializeThem) {
  const auto c = config::load({.environment = {{"AUTHLY_HTTP_CORS_ORIGINS",
                                                "https://app.example.com, http://localhost:8080,http://[::1]:3000"}}});
  EXPECT_EQ(c.http.cors_origins,
            (std::vector<std::string>{"https://app.example.com", "http://localhost:8080", "http://[::1]:3000"}));
  EXPECT_TRUE(config::load({}).http.cors_origins.empty());
}

TEST(CorsOriginsConfig, RejectsWildcards) {
  EXPECT_EQ(cors_origins_error("*"), "AUTHLY_HTTP_CORS_ORIGINS");
  EXPECT_EQ(cors_origins_error("https://*.example.com"), "AUTHLY_HTTP_CORS_ORIGINS");
}

TEST(CorsOriginsConfig, RejectsAPathEvenASlash) {
  EXPECT_EQ(cors_origins_error("https://app.example.com/"), "AUTHLY_HTTP_CORS_ORIGINS");
  EXPECT_EQ(cors_origins_error("https://app.example.com/spa"), "AUTHLY_HTTP_CORS_ORIGINS");
  EXPECT_EQ(cors_origins_error("https://app.example.com?x=1"), "AUTHLY_HTTP_CORS_ORIGINS");
}

TEST(CorsOriginsConfig, RejectsFormsNoBrowserSends) {
  EXPECT_EQ(cors_origins_error("app.example.com"), "AUTHLY_HTTP_CORS_ORIGINS");              // no scheme
  EXPECT_EQ(cors_origins_error("ftp://app.example.com"), "AUTHLY_HTTP_CORS_ORIGINS");        // not http(s)
  EXPECT_EQ(cors_origins_error("https://App.Example.com"), "AUTHLY_HTTP_CORS_ORIGINS");      // upper case
  EXPECT_EQ(cors_origins_error("https://app.example.com:443"), "AUTHLY_HTTP_CORS_ORIGINS");  // default port
  EXPECT_EQ(cors_origins_error("https://user@app.example.com"), "AUTHLY_HTTP_CORS_ORIGINS");
  EXPECT_EQ(cors_origins_error("https://app.example.com:0"), "AUTHLY_HTTP_CORS_ORIGINS");
  EXPECT_EQ(cors_origins_error("null"), "AUTHLY_HTTP_CORS_ORIGINS");
}

}  // namespace
}  // namespace authly::oauth
