// Discovery and JWKS are pre-serialized and answered on the I/O thread: the routes are registered
// inline, the ETag is stable while nothing changes, a rotation in this process replaces the JWKS
// (and its ETag) at once, a scope created later reaches discovery on refresh, and If-None-Match
// still gives 304.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "app/use_cases.hpp"
#include "cache/rate_limiter.hpp"
#include "crypto/password.hpp"
#include "endpoints/context.hpp"
#include "endpoints/metadata_routes.hpp"
#include "endpoints/published_documents.hpp"
#include "oidc/discovery.hpp"
#include "outbound/backchannel_delivery.hpp"

namespace authly::test {
namespace {

using jose::Algorithm;

config::Config test_config() {
  config::Config c;
  c.issuer = "https://auth.example.test/tenant";
  c.database_url = "sqlite::memory:";
  return c;
}

class PublishedMetadata : public ::testing::Test {
 protected:
  void SetUp() override { store_->migrate(); }

  http::Response get(const http::Router& router, std::string_view path, std::string if_none_match = {}) {
    http::Request req;
    req.method = http::Method::get;
    req.target = req.path = std::string(path);
    if (!if_none_match.empty()) req.headers.set("If-None-Match", if_none_match);
    auto match = router.match(http::Method::get, path);
    EXPECT_NE(match.route, nullptr) << path;
    return match.route->handler(req);
  }

  config::Config config_ = test_config();
  std::unique_ptr<store::Store> store_ =
      store::open_store({.url = "sqlite::memory:", .pool_size = 2, .connect_timeout_ms = 5'000});
  core::SystemRandom rng_;
  core::FixedClock clock_{std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())};
  crypto::PasswordHasher hasher_{crypto::PasswordPolicy{.argon2_ops_limit = 1, .argon2_mem_limit_kib = 8}};
  std::unique_ptr<oauth::SigningKeys> keys_ = oauth::make_signing_keys(*store_, std::string(32, 'm'), rng_, clock_);
  std::unique_ptr<cache::RateLimiter> limiter_ = cache::make_rate_limiter(nullptr, clock_);
  std::unique_ptr<oidc::BackchannelSender> backchannel_ = outbound::make_backchannel_sender(config_.oidc);
  services::ClientService clients_{*store_, rng_, clock_};
  std::string pairwise_key_ = std::string(32, 'p');
  observability::MetricsRegistry metrics_;
  endpoints::EndpointContext ctx_{
      config_,
      clock_,
      rng_,
      *keys_,
      *limiter_,
      metrics_,
      app::bind_use_cases(
          {config_, *store_, rng_, hasher_, *keys_, *limiter_, *backchannel_, clients_, pairwise_key_, {}})};
};

TEST_F(PublishedMetadata, DiscoveryAndJwksRoutesRunInlineOnTheIoThread) {
  http::Router router;
  endpoints::register_metadata_routes(router, ctx_);
  const std::set<std::string> inline_paths = {"/oidc/jwks", "/.well-known/oauth-authorization-server",
                                              "/.well-known/oauth-authorization-server/tenant",
                                              "/tenant/.well-known/openid-configuration"};
  std::set<std::string> seen;
  for (const auto& route : router.routes()) {
    if (!inline_paths.contains(route.pattern)) continue;
    seen.insert(route.pattern);
    EXPECT_EQ(route.execution, http::Execution::inline_) << route.pattern;
    EXPECT_TRUE(route.reason.empty()) << route.pattern;
  }
  EXPECT_EQ(seen, inline_paths);
}

TEST_F(PublishedMetadata, JwksEtagIsStableAndChangesOnRotation) {
  http::Router router;
  endpoints::register_metadata_routes(router, ctx_);
  const auto first = get(router, "/oidc/jwks");
  ASSERT_EQ(first.status, 200);
  const std::string etag(first.headers.get("ETag").value_or(""));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag, keys_->jwks_etag());
  EXPECT_EQ(first.body, keys_->jwks_json());
  EXPECT_EQ(get(router, "/oidc/jwks").headers.get("ETag").value_or(""), etag);
  EXPECT_EQ(get(router, "/oidc/jwks", etag).status, 304);

  const auto staged = keys_->rotate(Algorithm::ES256, "test");
  // No refresher tick is awaited: the key set tells the published document about the change.
  const auto after = get(router, "/oidc/jwks", etag);
  ASSERT_EQ(after.status, 200) << "a cache holding the old set must fetch the new one";
  const std::string new_etag(after.headers.get("ETag").value_or(""));
  EXPECT_NE(new_etag, etag);
  EXPECT_EQ(new_etag, keys_->jwks_etag());
  EXPECT_NE(after.body.find(staged.kid), std::string::npos);
  EXPECT_EQ(get(router, "/oidc/jwks", new_etag).status, 304);
}

TEST_F(PublishedMetadata, DiscoveryIsTheProviderMetadataWithAStableEtag) {
  http::Router router;
  endpoints::register_metadata_routes(router, ctx_);
  const auto r = get(router, "/tenant/.well-known/openid-configuration");
  ASSERT_EQ(r.status, 200);
  std::vector<std::string> names;
  for (const auto& scope : store_->scopes().list()) names.push_back(scope.name);
  EXPECT_EQ(boost::json::parse(r.body), boost::json::value(oidc::provider_metadata(config_, names)));
  const std::string etag(r.headers.get("ETag").value_or(""));
  EXPECT_EQ(get(router, "/.well-known/oauth-authorization-server/tenant").headers.get("ETag").value_or(""), etag);
  EXPECT_EQ(get(router, "/.well-known/oauth-authorization-server", etag).status, 304);
}

TEST_F(PublishedMetadata, RefreshPicksUpANewScopeUnderANewEtag) {
  endpoints::PublishedDocuments docs([this] { return oidc::provider_metadata_json(config_, store_->scopes()); }, *keys_,
                                     Algorithm::ES256);
  const auto before = docs.discovery();
  store::Scope scope;
  scope.name = "orders:read";
  scope.description = "Read orders";
  store_->scopes().create(scope);
  EXPECT_EQ(docs.discovery()->etag, before->etag);  // served from memory until the refresh
  docs.refresh_discovery();
  const auto after = docs.discovery();
  EXPECT_NE(after->etag, before->etag);
  EXPECT_NE(after->body.find("\"orders:read\""), std::string::npos);
  docs.refresh_discovery();
  EXPECT_EQ(docs.discovery()->etag, after->etag);  // nothing changed: same tag
}

}  // namespace
}  // namespace authly::test
