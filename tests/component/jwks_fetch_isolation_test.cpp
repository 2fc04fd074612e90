// A private_key_jwt client whose jwks_uri accepts connections and never answers, attacked with
// forged assertions in parallel, on the composed application: one fetch serves them all, off the
// request pool; the token endpoint answers invalid_client without waiting on the client's server
// each time, and readiness stays fast.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <future>
#include <thread>

#include "app/application.hpp"
#include "http/form.hpp"
#include "jose/jws.hpp"
#include "jose/signing_key.hpp"
#include "support/hanging_listener.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kIssuer = "https://id.example.test";

class App {
 public:
  explicit App(config::Config c) : app_(std::move(c)) {
    app_.bootstrap();
    auto router = app_.build_router([] { return false; });
    auto options = app_.server_options();
    options.port = 0;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~App() {
    server_->stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_->port(); }
  app::Application& app() { return app_; }

 private:
  app::Application app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

// An assertion signed with a key the client never registered (the attacker's).
std::string forged_assertion(const std::string& client_id, int n) {
  static const auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  boost::json::object claims{{"iss", client_id},
                             {"sub", client_id},
                             {"aud", std::string(kIssuer) + "/auth/token"},
                             {"exp", now.count() + 120},
                             {"jti", "forged-" + std::to_string(n)}};
  return jose::sign(key, boost::json::serialize(claims));
}

// With a receive timeout long enough that a server tied up by the fetches still gets to answer.
HttpResponse token_request(std::uint16_t port, const std::string& client_id, int n) {
  RawConnection c(port, 60s);
  return c.request(build_request(
      "POST", "/auth/token", {{"Content-Type", "application/x-www-form-urlencoded"}, {"Connection", "close"}},
      http::encode_form({{"grant_type", "client_credentials"},
                         {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                         {"client_assertion", forged_assertion(client_id, n)}})));
}

std::string error_of(const HttpResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  return !ec && v.is_object() && v.as_object().contains("error") ? std::string(v.at("error").as_string()) : "";
}

TEST(JwksFetchIsolation, ParallelForgedAssertionsShareOneFetchAndReadinessStaysFast) {
  TempDir dir;
  config::Config c;
  c.database_url = "sqlite::memory:";
  c.data_dir = dir.path();
  c.listen = "127.0.0.1:0";
  c.issuer = kIssuer;
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  c.http.blocking_threads = 4;
  c.oauth.jwks_fetch_wait_ms = 200;
  // Every forged assertion fails authentication from one address; the failure limit is not what
  // this test is about (client_auth_limits_test.cpp is).
  c.oauth.client_auth_failures_per_ip_per_minute = 0;
  App server(c);

  HangingListener jwks_host;  // accepts, never answers: the TLS handshake hangs until the fetch times out
  services::NewClient client;
  client.client_id = "hanging-jwks";
  client.name = "Hanging jwks_uri";
  client.auth_method = "private_key_jwt";
  client.grant_types = {"client_credentials"};
  client.jwks_uri = "https://127.0.0.1:" + std::to_string(jwks_host.port()) + "/jwks";
  client.registered_by_admin = true;  // loopback is allowed for it: the request is made
  ASSERT_TRUE(server.app().clients().create(client, "test").ok());

  constexpr int kParallel = 24;
  std::vector<std::future<HttpResponse>> answers;
  for (int i = 0; i < kParallel; ++i)
    answers.push_back(
        std::async(std::launch::async, [&, i] { return token_request(server.port(), client.client_id, i); }));
  std::this_thread::sleep_for(50ms);  // the requests are in
  const auto ready_start = std::chrono::steady_clock::now();
  RawConnection probe(server.port(), 60s);
  const auto ready = probe.request(build_request("GET", "/health/ready", {{"Connection", "close"}}));
  const auto ready_took = std::chrono::steady_clock::now() - ready_start;
  for (auto& a : answers) {
    const auto r = a.get();
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(error_of(r), "invalid_client") << r.body;
  }
  EXPECT_EQ(ready.status, 200);
  // Generous guard: with each request waiting out the 3 s fetch on a 4-thread pool, readiness
  // waits behind 24 / 4 * 3 s.
  EXPECT_LT(ready_took, 3s);
  EXPECT_EQ(jwks_host.accepted(), 1);  // one fetch for all of them

  // Later assertions are refused at once: the pending (then failed) fetch is not waited on again.
  const auto later_start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    const auto r = token_request(server.port(), client.client_id, 100 + i);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(error_of(r), "invalid_client");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - later_start, 2s);
  EXPECT_EQ(jwks_host.accepted(), 1);
  jwks_host.close();
}

}  // namespace
}  // namespace authly::test
