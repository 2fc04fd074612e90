// GET /oidc/jwks during key rotation: Cache-Control max-age from keys.jwks_max_age_s, the strong
// ETag and If-None-Match -> 304, and a staged key appearing in the set (with a new ETag) before it
// signs. The endpoint function over the published documents, then once through the composed
// application.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>
#include <thread>

#include "app/application.hpp"
#include "endpoints/jwks_endpoint.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

using jose::Algorithm;
using namespace std::chrono_literals;

http::Request jwks_request(std::optional<std::string> if_none_match = std::nullopt) {
  http::Request req;
  req.method = http::Method::get;
  req.target = req.path = "/oidc/jwks";
  if (if_none_match) req.headers.set("If-None-Match", *if_none_match);
  return req;
}

class JwksRotation : public ::testing::Test {
 protected:
  void SetUp() override {
    store_->migrate();
    documents_ =
        std::make_unique<endpoints::PublishedDocuments>([] { return std::string("{}"); }, *keys_, Algorithm::ES256);
  }

  std::unique_ptr<store::Store> store_ =
      store::open_store({.url = "sqlite::memory:", .pool_size = 2, .connect_timeout_ms = 5'000});
  core::SystemRandom rng_;
  core::FixedClock clock_{std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())};
  std::unique_ptr<oauth::SigningKeys> keys_ =
      oauth::keys::make_signing_keys(*store_, std::string(32, 'm'), rng_, clock_, oauth::keys::KeyManagerOptions{});
  std::unique_ptr<endpoints::PublishedDocuments> documents_;

  http::Response jwks(std::optional<std::string> if_none_match, std::chrono::seconds max_age = 300s) {
    return endpoints::jwks(jwks_request(std::move(if_none_match)), *documents_->jwks(),
                           endpoints::jwks_cache_control(max_age));
  }
};

TEST_F(JwksRotation, CacheControlMaxAgeIsTheConfiguredOne) {
  auto r = jwks(std::nullopt, 123s);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.get("Cache-Control").value_or(""), "public, max-age=123");
  EXPECT_EQ(r.headers.count("Cache-Control"), 1u);
  EXPECT_EQ(r.headers.get("Content-Type").value_or(""), "application/jwk-set+json");
}

TEST_F(JwksRotation, IfNoneMatchStillAnswers304WithTheCachingHeaders) {
  const auto first = jwks(std::nullopt);
  const std::string etag(first.headers.get("ETag").value_or(""));
  ASSERT_FALSE(etag.empty());
  auto again = jwks(etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers.get("ETag").value_or(""), etag);
  EXPECT_EQ(again.headers.get("Cache-Control").value_or(""), "public, max-age=300");
}

TEST_F(JwksRotation, StagedKeyIsPublishedAtOnceUnderANewEtag) {
  const auto before = jwks(std::nullopt);
  const std::string old_etag(before.headers.get("ETag").value_or(""));
  const auto staged = keys_->rotate(Algorithm::ES256, "test");
  auto after = jwks(old_etag);
  ASSERT_EQ(after.status, 200) << "a cache holding the old set must fetch the new one";
  EXPECT_NE(after.headers.get("ETag").value_or(""), old_etag);
  const auto doc = boost::json::parse(after.body);
  std::set<std::string> kids;
  for (const auto& k : doc.at("keys").as_array()) {
    kids.emplace(k.at("kid").as_string());
    EXPECT_EQ(k.at("use").as_string(), "sig");
    EXPECT_EQ(k.at("alg").as_string(), "ES256");
  }
  EXPECT_EQ(kids.size(), 2u);
  EXPECT_TRUE(kids.contains(staged.kid));
  EXPECT_TRUE(kids.contains(*staged.replaces));
}

// Through the composed application: the route passes keys.jwks_max_age_s on.
TEST(JwksThroughApplication, ServesConfiguredMaxAgeAndRevalidates) {
  TempDir dir;
  config::Config c;
  c.database_url = "sqlite::memory:";
  c.data_dir = dir.path();
  c.listen = "127.0.0.1:0";
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  c.keys.jwks_max_age_s = 77;
  app::Application app(c);
  app.bootstrap();
  auto options = app.server_options();
  options.port = 0;
  http::Server server(options, app.build_router([] { return false; }), std::vector<http::Middleware>{});
  server.start();
  std::thread runner([&] { server.run_until_stopped(); });

  auto r = get(server.port(), "/oidc/jwks");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "public, max-age=77");
  const auto etag = r.header("ETag").value_or("");
  EXPECT_FALSE(etag.empty());
  auto revalidated = get(server.port(), "/oidc/jwks", {{"If-None-Match", etag}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_EQ(revalidated.header("Cache-Control").value_or(""), "public, max-age=77");

  server.stop();
  runner.join();
}

}  // namespace
}  // namespace authly::test
