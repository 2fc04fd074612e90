#pragma once
// The token-side endpoints over HTTP: the real server on port 0, SQLite :memory:, clients and users
// made through src/services, codes inserted as the authorization endpoint would, a test key set.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <thread>

#include "cache/rate_limiter.hpp"
#include "config/config.hpp"
#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "endpoints/oidc_routes.hpp"
#include "endpoints/token_routes.hpp"
#include "http/form.hpp"
#include "http/server/server.hpp"
#include "jose/jws.hpp"
#include "oauth/access_token.hpp"
#include "outbound/backchannel_delivery.hpp"
#include "services/client_service.hpp"
#include "services/user_service.hpp"
#include "support/raw_http.hpp"

namespace authly::test {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline const std::string kIssuer = "https://id.example.test";
inline const std::string kUserPassword = "correct horse battery";
inline const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 Appendix B
inline const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// One ES256 key, generated per test: what the database-backed key manager would hand out.
class TestSigningKeys final : public oauth::SigningKeys {
 public:
  TestSigningKeys()
      : key_(std::make_shared<const jose::SigningKey>(jose::SigningKey::generate(jose::Algorithm::ES256))),
        set_(std::make_shared<const jose::JwkSet>(std::vector<jose::Jwk>{key_->public_jwk()})) {}
  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm) override { return key_; }
  std::shared_ptr<const jose::JwkSet> published() override { return set_; }
  std::string jwks_json() override { return set_->serialize(); }
  std::string jwks_etag() override { return "\"1\""; }

 private:
  std::shared_ptr<const jose::SigningKey> key_;
  std::shared_ptr<const jose::JwkSet> set_;
};

inline std::string form_encode_one(const std::string& value) { return http::encode_form({{"x", value}}).substr(2); }

inline std::string basic(const std::string& id, const std::string& secret) {
  return "Basic " + core::base64_encode(form_encode_one(id) + ":" + form_encode_one(secret));
}

inline boost::json::object json_of(const HttpResponse& r) {
  auto v = boost::json::parse(r.body);
  return v.is_object() ? v.as_object() : boost::json::object{};
}

inline std::string str(const boost::json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

class TokenServer : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.issuer = kIssuer;
    config_.password.argon2_ops_limit = 1;
    config_.password.argon2_mem_limit_kib = 8;
    config_.login.max_failures = 3;
    configure(config_);
    store_ = store::open_store({"sqlite::memory:", 4, 5'000});
    store_->migrate();
    hasher_ = make_hasher(crypto::PasswordPolicy{crypto::PasswordPolicy::Algorithm::argon2id, 4, 1, 8,
                                                 config_.password.max_concurrent_hashes});
    limiter_ = cache::make_rate_limiter(nullptr, clock_);
    backchannel_ = outbound::make_backchannel_sender(config_.oidc);
    ctx_ = std::make_unique<endpoints::EndpointContext>(endpoints::EndpointContext{
        config_, *store_, rng_, clock_, *hasher_, keys_, *limiter_, std::string(32, 'p'), *backchannel_});
    services::UserService users(*store_, *hasher_, rng_, clock_);
    auto alice = users.create({"alice", "alice@example.com", kUserPassword, "Alice", "Liddell", false, true}, "test");
    ASSERT_TRUE(alice.ok());
    alice_id_ = alice->id;
    // The browser session add_code()'s codes name: a refresh token without offline_access lives
    // only as long as its session (OIDC Core §11).
    store::Session session;
    session.id_hash = "session-hash";
    session.user_id = alice_id_;
    session.sid = "session-sid";
    session.amr = "pwd";
    session.auth_time = session.created_at = session.last_seen_at = clock_.now();
    session.expires_at = clock_.now() + std::chrono::hours(24 * 365);
    store_->sessions().create(session);

    web_secret_ = add_client("web", "confidential", {"authorization_code", "refresh_token"}, "client_secret_basic");
    other_secret_ = add_client("other", "confidential", {"authorization_code", "refresh_token"}, "client_secret_post");
    service_secret_ = add_client("service", "confidential", {"client_credentials"}, "client_secret_basic");
    add_client("spa", "public", {"authorization_code", "refresh_token"}, "none");

    http::Router router;
    endpoints::register_token_routes(router, *ctx_);
    endpoints::register_oidc_routes(router, *ctx_);
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.blocking_threads = 2;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  void TearDown() override {
    if (!server_) return;
    server_->stop();
    thread_.join();
  }
  virtual void configure(config::Config&) {}
  // The hasher the endpoints use; a test may substitute one that observes or holds the hashing.
  virtual std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) {
    return std::make_unique<crypto::PasswordHasher>(policy);
  }

  std::string add_client(const std::string& id, const std::string& type, std::vector<std::string> grants,
                         const std::string& method, const std::string& jwks = "") {
    services::ClientService clients(*store_, rng_, clock_);
    services::NewClient c;
    c.client_id = id;
    c.name = "Client " + id;
    c.type = type;
    c.redirect_uris = {"https://app.example/cb"};
    c.grant_types = std::move(grants);
    c.scope = "openid profile email offline_access";
    c.auth_method = method;
    c.jwks = jwks;
    auto created = clients.create(c, "test");
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->secret.value_or("") : "";
  }

  // An authorization code as the authorization endpoint stores it; returns the code value.
  std::string add_code(const std::string& client_id, const std::string& challenge = kChallenge,
                       const std::string& redirect_uri = "https://app.example/cb") {
    std::string code = core::random_token(rng_);
    store::AuthorizationCode row;
    row.code_hash = crypto::sha256_hex(code);
    row.client_id = client_id;
    row.user_id = alice_id_;
    row.redirect_uri = redirect_uri;
    row.scope = "openid profile";
    row.code_challenge = challenge;
    row.code_challenge_method = "S256";
    row.nonce = "n-1";
    row.session_id = "session-hash";
    row.auth_time = clock_.now();
    row.created_at = clock_.now();
    row.expires_at = clock_.now() + std::chrono::seconds(60);
    store_->codes().create(row);
    return code;
  }

  HttpResponse post(const std::string& path, const Fields& fields, HeaderList headers = {}) {
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return request(server_->port(), "POST", path, headers, http::encode_form(fields));
  }
  HttpResponse token(const Fields& fields, HeaderList headers = {}) { return post("/auth/token", fields, headers); }
  HttpResponse as_web(const std::string& path, const Fields& fields) {
    return post(path, fields, {{"Authorization", basic("web", web_secret_)}});
  }
  HttpResponse exchange(const std::string& code) {
    return as_web("/auth/token", {{"grant_type", "authorization_code"},
                                  {"code", code},
                                  {"redirect_uri", "https://app.example/cb"},
                                  {"code_verifier", kVerifier}});
  }
  bool active(const std::string& token_value) {
    auto r = as_web("/auth/introspect", {{"token", token_value}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto o = json_of(r);
    return o.contains("active") && o.at("active").as_bool();
  }

  config::Config config_;
  core::SystemRandom rng_;
  core::FixedClock clock_{core::from_unix(1'800'000'000)};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<crypto::PasswordHasher> hasher_;
  std::unique_ptr<cache::RateLimiter> limiter_;
  std::unique_ptr<oidc::BackchannelSender> backchannel_;
  TestSigningKeys keys_;
  std::unique_ptr<endpoints::EndpointContext> ctx_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::string alice_id_;
  std::string web_secret_;
  std::string other_secret_;
  std::string service_secret_;
};

}  // namespace authly::test
