// Discovery, JWKS and the client registry through the real server on port 0, on SQLite :memory:,
// with the real database-backed signing keys.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <thread>

#include "app/use_cases.hpp"
#include "cache/rate_limiter.hpp"
#include "crypto/hash.hpp"
#include "crypto/password.hpp"
#include "endpoints/context.hpp"
#include "endpoints/metadata_routes.hpp"
#include "endpoints/public_metadata.hpp"
#include "http/server/server.hpp"
#include "oauth/access_token.hpp"
#include "outbound/backchannel_delivery.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

const core::SystemClock kWallClock;  // the limiter's windows; nothing here advances time

using namespace std::chrono_literals;
using jose::Algorithm;

constexpr std::string_view kIssuer = "https://auth.example.test";
constexpr std::string_view kGoodClient =
    R"({"client_name":"Shop","redirect_uris":["https://shop.example/cb"],"scope":"openid profile"})";

config::Config test_config() {
  config::Config c;
  c.issuer = std::string(kIssuer);
  c.database_url = "sqlite::memory:";
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  return c;
}

class MetadataServer {
 public:
  explicit MetadataServer(config::Config c = test_config())
      : config_(std::move(c)),
        store_(store::open_store({.url = "sqlite::memory:", .pool_size = 2, .connect_timeout_ms = 5'000})),
        clock_(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())),
        hasher_(crypto::PasswordPolicy{.argon2_ops_limit = 1, .argon2_mem_limit_kib = 8}),
        keys_(oauth::make_signing_keys(*store_, std::string(32, 'm'), rng_, clock_)),
        limiter_(cache::make_rate_limiter(nullptr, kWallClock)),
        backchannel_(outbound::make_backchannel_sender(config_.oidc)),
        clients_(*store_, rng_, clock_),
        ctx_{config_,
             clock_,
             rng_,
             *keys_,
             *limiter_,
             metrics_,
             app::bind_use_cases(
                 {config_, *store_, rng_, hasher_, *keys_, *limiter_, *backchannel_, clients_, pairwise_key_, {}})} {
    store_->migrate();
    http::Router router;
    endpoints::register_metadata_routes(router, ctx_);
    http::ServerOptions options;
    options.port = 0;
    options.blocking_threads = 2;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~MetadataServer() {
    server_->stop();
    thread_.join();
  }

  std::uint16_t port() const { return server_->port(); }
  store::Store& store() { return *store_; }
  oauth::SigningKeys& keys() { return *keys_; }

  // An RFC 9068 access token from this server's active key; sub == client_id unless a user is given.
  std::string token(std::string scope, std::string jti = "jti-1", std::string user = {}) {
    oauth::AccessTokenClaims c;
    c.issuer = std::string(kIssuer);
    c.client_id = "admin-tool";
    c.subject = user.empty() ? c.client_id : user;
    c.audience = {std::string(kIssuer)};
    c.scope = std::move(scope);
    c.jti = std::move(jti);
    c.issued_at = clock_.now();
    c.expires_at = clock_.now() + 10min;
    return oauth::issue_access_token(*keys_->active(Algorithm::ES256), c);
  }

  HttpResponse call(std::string_view method, std::string_view target, const std::string& bearer = {},
                    std::string_view body = {}, HeaderList headers = {}) {
    if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return request(port(), method, target, headers, body);
  }

 private:
  config::Config config_;
  std::unique_ptr<store::Store> store_;
  core::SystemRandom rng_;
  core::FixedClock clock_;
  crypto::PasswordHasher hasher_;
  std::unique_ptr<oauth::SigningKeys> keys_;
  std::unique_ptr<cache::RateLimiter> limiter_;
  std::unique_ptr<oidc::BackchannelSender> backchannel_;
  services::ClientService clients_;
  std::string pairwise_key_ = std::string(32, 'p');
  observability::MetricsRegistry metrics_;
  endpoints::EndpointContext ctx_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

boost::json::object json_of(const HttpResponse& r) { return boost::json::parse(r.body).as_object(); }
std::string error_of(const HttpResponse& r) { return std::string(json_of(r).at("error").as_string()); }

// ---- JWKS -------------------------------------------------------------------------------------

TEST(JwksEndpoint, ServesThePublishedKeysWithCachingHeaders) {
  MetadataServer s;
  auto r = get(s.port(), "/oidc/jwks");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type").value_or(""), "application/jwk-set+json");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "public, max-age=300");
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "*");
  EXPECT_EQ(r.header("ETag").value_or(""), s.keys().jwks_etag());
  const auto keys = json_of(r).at("keys").as_array();
  ASSERT_EQ(keys.size(), 1u);  // the configured algorithm's key exists before any token is issued
  EXPECT_EQ(keys[0].as_object().at("kid").as_string(), s.keys().active(Algorithm::ES256)->kid());
  EXPECT_FALSE(keys[0].as_object().contains("d"));
}

TEST(JwksEndpoint, IfNoneMatchGives304) {
  MetadataServer s;
  const auto etag = get(s.port(), "/oidc/jwks").header("ETag").value_or("");
  ASSERT_FALSE(etag.empty());
  auto same = get(s.port(), "/oidc/jwks", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.header("ETag").value_or(""), etag);
  EXPECT_EQ(get(s.port(), "/oidc/jwks", {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(get(s.port(), "/oidc/jwks", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST(PublicMetadata, IfNoneMatchUsesWeakComparison) {
  EXPECT_TRUE(endpoints::if_none_match_matches("\"a\"", "\"a\""));
  EXPECT_TRUE(endpoints::if_none_match_matches("W/\"a\"", "\"a\""));
  EXPECT_TRUE(endpoints::if_none_match_matches("\"x\" , \"a\"", "\"a\""));
  EXPECT_TRUE(endpoints::if_none_match_matches("*", "\"a\""));
  EXPECT_FALSE(endpoints::if_none_match_matches("\"ab\"", "\"a\""));
  EXPECT_FALSE(endpoints::if_none_match_matches(std::nullopt, "\"a\""));
}

// ---- Discovery --------------------------------------------------------------------------------

TEST(DiscoveryEndpoint, ServesMetadataFromTheIssuerWithCors) {
  MetadataServer s;
  auto r = get(s.port(), "/.well-known/oauth-authorization-server");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "public, max-age=300");
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "*");
  const auto doc = json_of(r);
  EXPECT_EQ(doc.at("issuer").as_string(), kIssuer);
  EXPECT_EQ(doc.at("jwks_uri").as_string(), std::string(kIssuer) + "/oidc/jwks");
  EXPECT_FALSE(doc.contains("registration_endpoint"));
  const auto scopes = boost::json::serialize(doc.at("scopes_supported"));
  EXPECT_NE(scopes.find("\"openid\""), std::string::npos);  // from the registry's migration-seeded scopes
  const auto etag = r.header("ETag").value_or("");
  EXPECT_EQ(get(s.port(), "/.well-known/oauth-authorization-server", {{"If-None-Match", etag}}).status, 304);
}

TEST(DiscoveryEndpoint, IssuerWithPathIsServedAtTheRfc8414Location) {
  auto c = test_config();
  c.issuer = "https://auth.example.test/tenant";
  MetadataServer s(c);
  auto r = get(s.port(), "/.well-known/oauth-authorization-server/tenant");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json_of(r).at("token_endpoint").as_string(), "https://auth.example.test/tenant/auth/token");
}

TEST(DiscoveryEndpoint, OpenIdConfigurationIsServedAndEqualsTheRfc8414Document) {
  MetadataServer s;
  auto oidc = get(s.port(), "/.well-known/openid-configuration");
  ASSERT_EQ(oidc.status, 200) << oidc.body;
  EXPECT_EQ(oidc.header("Access-Control-Allow-Origin").value_or(""), "*");
  const auto doc = json_of(oidc);
  EXPECT_EQ(doc.at("issuer").as_string(), kIssuer);
  EXPECT_EQ(doc.at("userinfo_endpoint").as_string(), std::string(kIssuer) + "/oidc/userinfo");
  EXPECT_EQ(doc.at("end_session_endpoint").as_string(), std::string(kIssuer) + "/oidc/logout");
  // One document: a client reading either well-known location sees the same provider.
  EXPECT_EQ(oidc.body, get(s.port(), "/.well-known/oauth-authorization-server").body);
}

TEST(DiscoveryEndpoint, IssuerWithPathHasOpenIdConfigurationAfterThePath) {
  auto c = test_config();
  c.issuer = "https://auth.example.test/tenant";
  MetadataServer s(c);
  auto r = get(s.port(), "/tenant/.well-known/openid-configuration");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json_of(r).at("issuer").as_string(), "https://auth.example.test/tenant");
}

// ---- Client registry: authorization -----------------------------------------------------------

TEST(ClientsEndpoint, MissingTokenIs401WithBearerChallenge) {
  MetadataServer s;
  for (auto [method, target] : {std::pair{"GET", "/oauth/clients"}, std::pair{"POST", "/oauth/clients"},
                                std::pair{"DELETE", "/oauth/clients/x"}}) {
    auto r = s.call(method, target, {}, method == std::string_view("POST") ? kGoodClient : "");
    EXPECT_EQ(r.status, 401) << method << " " << target;
    EXPECT_TRUE(r.header("WWW-Authenticate").value_or("").starts_with("Bearer")) << method;
    EXPECT_EQ(error_of(r), "invalid_token");
  }
}

TEST(ClientsEndpoint, TamperedTokenIs401) {
  MetadataServer s;
  auto token = s.token("authly:admin:write");
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  auto r = s.call("GET", "/oauth/clients", token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_token");
}

TEST(ClientsEndpoint, RevokedTokenIs401) {
  MetadataServer s;
  const auto token = s.token("authly:admin:write", "revoked-jti");
  ASSERT_EQ(s.call("GET", "/oauth/clients", token).status, 200);
  s.store().tokens().deny_access_token("revoked-jti", std::chrono::system_clock::now() + 1h);
  auto r = s.call("GET", "/oauth/clients", token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_token");
}

TEST(ClientsEndpoint, ReadScopeReadsButCannotWrite) {
  MetadataServer s;
  const auto reader = s.token("authly:admin:read");
  EXPECT_EQ(s.call("GET", "/oauth/clients", reader).status, 200);
  auto r = s.call("POST", "/oauth/clients", reader, kGoodClient);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_of(r), "insufficient_scope");
  EXPECT_NE(r.header("WWW-Authenticate").value_or("").find("insufficient_scope"), std::string::npos);
  EXPECT_EQ(s.call("DELETE", "/oauth/clients/anything", reader).status, 403);
  EXPECT_EQ(s.call("GET", "/oauth/clients", s.token("openid profile")).status, 403);
}

TEST(ClientsEndpoint, UserTokensNeedAnActiveAdministrator) {
  MetadataServer s;
  auto add_user = [&](std::string id, bool admin, bool active) {
    store::User u;
    u.id = id;
    u.username = id;
    u.email = id + "@example.test";
    u.password_hash = "$argon2id$unused";
    u.is_admin = admin;
    u.is_active = active;
    s.store().users().create(u);
  };
  add_user("u-admin", true, true);
  add_user("u-plain", false, true);
  add_user("u-disabled", true, false);
  EXPECT_EQ(s.call("GET", "/oauth/clients", s.token("authly:admin:write", "j1", "u-admin")).status, 200);
  EXPECT_EQ(s.call("GET", "/oauth/clients", s.token("authly:admin:write", "j2", "u-plain")).status, 403);
  EXPECT_EQ(s.call("GET", "/oauth/clients", s.token("authly:admin:write", "j3", "u-disabled")).status, 401);
  EXPECT_EQ(s.call("GET", "/oauth/clients", s.token("authly:admin:write", "j4", "u-missing")).status, 401);
}

// ---- Client registry: operations --------------------------------------------------------------

TEST(ClientsEndpoint, CreateShowsTheSecretOnceAndReadsNeverDo) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  auto created = s.call("POST", "/oauth/clients", admin, kGoodClient);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("Cache-Control").value_or(""), "no-store");
  const auto info = json_of(created);
  const std::string id(info.at("client_id").as_string());
  const std::string secret(info.at("client_secret").as_string());
  EXPECT_EQ(secret.size(), 43u);
  EXPECT_EQ(info.at("client_secret_expires_at").as_int64(), 0);
  EXPECT_TRUE(info.at("client_id_issued_at").is_int64());
  EXPECT_EQ(info.at("token_endpoint_auth_method").as_string(), "client_secret_basic");
  EXPECT_EQ(info.at("client_name").as_string(), "Shop");
  EXPECT_EQ(created.header("Location").value_or(""), std::string(kIssuer) + "/oauth/clients/" + id);
  // Stored only as a hash.
  EXPECT_EQ(s.store().clients().find(id)->secret_hash, crypto::sha256_hex(secret));

  auto read = s.call("GET", "/oauth/clients/" + id, admin);
  ASSERT_EQ(read.status, 200);
  EXPECT_FALSE(json_of(read).contains("client_secret"));
  EXPECT_EQ(read.body.find(secret), std::string::npos);
  auto list = s.call("GET", "/oauth/clients?limit=10", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json_of(list).at("clients").as_array().size(), 1u);
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  EXPECT_EQ(s.call("GET", "/oauth/clients?limit=0", admin).status, 400);

  const auto audit = s.store().audit().list_recent(5);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().type, "client.created");
  EXPECT_EQ(audit.front().actor, "admin-tool");
}

TEST(ClientsEndpoint, PublicClientGetsNoSecret) {
  MetadataServer s;
  auto r =
      s.call("POST", "/oauth/clients", s.token("authly:admin:write"),
             R"({"client_name":"App","redirect_uris":["com.example.app:/cb"],"token_endpoint_auth_method":"none"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(json_of(r).contains("client_secret"));
  EXPECT_EQ(json_of(r).at("client_type").as_string(), "public");
}

TEST(ClientsEndpoint, PutReplacesMetadataKeepingIdAndSecret) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  const auto info = json_of(s.call("POST", "/oauth/clients", admin, kGoodClient));
  const std::string id(info.at("client_id").as_string());
  const std::string secret(info.at("client_secret").as_string());
  auto put = s.call("PUT", "/oauth/clients/" + id, admin,
                    R"({"client_id":")" + id + R"(","client_secret":")" + secret +
                        R"(","client_name":"Shop 2","redirect_uris":["https://shop.example/cb2"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  const auto updated = json_of(put);
  EXPECT_EQ(updated.at("client_id").as_string(), id);
  EXPECT_EQ(updated.at("client_name").as_string(), "Shop 2");
  EXPECT_FALSE(updated.contains("client_secret"));
  EXPECT_EQ(updated.at("scope").as_string(), "");  // replaced: metadata left out is cleared
  const auto row = s.store().clients().find(id);
  EXPECT_EQ(row->redirect_uris, std::vector<std::string>{"https://shop.example/cb2"});
  EXPECT_EQ(row->secret_hash, crypto::sha256_hex(secret));
  EXPECT_EQ(s.store().audit().list_recent(1).front().type, "client.updated");
}

TEST(ClientsEndpoint, PutRejectsAnotherClientIdOrWrongSecret) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  const std::string id(json_of(s.call("POST", "/oauth/clients", admin, kGoodClient)).at("client_id").as_string());
  auto other = s.call("PUT", "/oauth/clients/" + id, admin,
                      R"({"client_id":"someone-else","redirect_uris":["https://shop.example/cb"]})");
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(error_of(other), "invalid_client_metadata");
  auto wrong = s.call("PUT", "/oauth/clients/" + id, admin,
                      R"({"client_secret":"not-it","redirect_uris":["https://shop.example/cb"]})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(s.call("PUT", "/oauth/clients/nope", admin, kGoodClient).status, 404);
}

TEST(ClientsEndpoint, DeleteRemovesTheClient) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  const std::string id(json_of(s.call("POST", "/oauth/clients", admin, kGoodClient)).at("client_id").as_string());
  auto del = s.call("DELETE", "/oauth/clients/" + id, admin);
  EXPECT_EQ(del.status, 204);
  EXPECT_TRUE(del.body.empty());
  EXPECT_EQ(s.call("GET", "/oauth/clients/" + id, admin).status, 404);
  EXPECT_EQ(s.call("DELETE", "/oauth/clients/" + id, admin).status, 404);
  EXPECT_FALSE(s.store().clients().find(id));
}

TEST(ClientsEndpoint, BadRedirectUrisAreInvalidRedirectUri) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  for (auto uri : {"javascript:alert(1)", "https://shop.example/cb#frag", "/relative", "http://shop.example/cb"}) {
    auto r = s.call("POST", "/oauth/clients", admin,
                    R"({"client_name":"Bad","redirect_uris":[")" + std::string(uri) + R"("]})");
    EXPECT_EQ(r.status, 400) << uri;
    EXPECT_EQ(error_of(r), "invalid_redirect_uri") << uri;
  }
  EXPECT_TRUE(s.store().clients().list(10, 0).empty());
}

TEST(ClientsEndpoint, MalformedOrInvalidMetadataIsInvalidClientMetadata) {
  MetadataServer s;
  const auto admin = s.token("authly:admin:write");
  for (std::string_view body : {R"({"client_name":)", R"(["not an object"])",
                                R"({"redirect_uris":["https://a.example/cb"],"response_types":["token"]})",
                                R"({"redirect_uris":["https://a.example/cb"],"grant_types":["implicit"]})",
                                R"({"redirect_uris":["https://a.example/cb"],"scope":"no-such-scope"})"}) {
    auto r = s.call("POST", "/oauth/clients", admin, body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(error_of(r), "invalid_client_metadata") << body;
  }
  auto form = request(s.port(), "POST", "/oauth/clients",
                      {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/x-www-form-urlencoded"}},
                      "client_name=x");
  EXPECT_EQ(form.status, 400);
}

// ---- Dynamic registration (RFC 7591) -----------------------------------------------------------

TEST(DynamicRegistration, OffRequiresAnAdminToken) {
  MetadataServer s;
  EXPECT_EQ(s.call("POST", "/oauth/clients", {}, kGoodClient).status, 401);
  EXPECT_EQ(s.call("POST", "/oauth/clients", s.token("openid"), kGoodClient).status, 403);
  EXPECT_EQ(s.call("POST", "/oauth/clients", s.token("authly:admin:write"), kGoodClient).status, 201);
}

TEST(DynamicRegistration, OpenWhenEnabled) {
  auto c = test_config();
  c.oauth.dynamic_registration = true;
  MetadataServer s(c);
  auto r = s.call("POST", "/oauth/clients", {}, R"({"redirect_uris":["https://rp.example/cb"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto info = json_of(r);
  EXPECT_EQ(info.at("client_name").as_string(), info.at("client_id").as_string());  // client_name is optional
  EXPECT_TRUE(info.contains("client_secret"));
  EXPECT_EQ(s.store().audit().list_recent(1).front().actor, "dynamic_registration");
  // Discovery now advertises the endpoint.
  EXPECT_TRUE(json_of(get(s.port(), "/.well-known/oauth-authorization-server")).contains("registration_endpoint"));
  // What only an administrator may grant.
  for (std::string_view body : {R"({"redirect_uris":["https://rp.example/cb"],"scope":"authly:admin:write"})",
                                R"({"redirect_uris":["https://rp.example/cb"],"require_consent":false})",
                                R"({"redirect_uris":["https://rp.example/cb"],"grant_types":["password"]})"}) {
    auto denied = s.call("POST", "/oauth/clients", {}, body);
    EXPECT_EQ(denied.status, 400) << body;
    EXPECT_EQ(error_of(denied), "invalid_client_metadata") << body;
  }
  // A self-registrant cannot pick its client_id.
  auto chosen =
      s.call("POST", "/oauth/clients", {}, R"({"client_id":"mine","redirect_uris":["https://rp.example/cb"]})");
  ASSERT_EQ(chosen.status, 201);
  EXPECT_NE(json_of(chosen).at("client_id").as_string(), "mine");
  // An invalid token is still refused rather than ignored.
  EXPECT_EQ(s.call("POST", "/oauth/clients", "garbage", kGoodClient).status, 401);
  // Management stays administrative.
  EXPECT_EQ(s.call("GET", "/oauth/clients").status, 401);
}

TEST(DynamicRegistration, InitialAccessTokenIsRequiredWhenConfigured) {
  auto c = test_config();
  c.oauth.dynamic_registration = true;
  c.oauth.initial_access_token = "initial-token-0123456789";
  MetadataServer s(c);
  EXPECT_EQ(s.call("POST", "/oauth/clients", {}, kGoodClient).status, 401);
  EXPECT_EQ(s.call("POST", "/oauth/clients", "initial-token-0123456788", kGoodClient).status, 401);
  EXPECT_EQ(s.call("POST", "/oauth/clients", s.token("openid"), kGoodClient).status, 403);
  auto r = s.call("POST", "/oauth/clients", "initial-token-0123456789", kGoodClient);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(s.call("POST", "/oauth/clients", s.token("authly:admin:write"), kGoodClient).status, 201);
}

}  // namespace
}  // namespace authly::test
