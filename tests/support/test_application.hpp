#pragma once
// The one way component tests start a server: app::Application wired exactly as `authly serve`
// wires it (every route, the request-id and security-header middleware, the JSON access and error
// logs, the cached store over the queued audit store), from a Config and an injected runtime, on
// port 0 over SQLite :memory:. The clock is a core::FixedClock the test moves. Signing keys come
// from keys generated once per test process, so a test pays no RSA key generation.
// Header-only: only the component tier links app/.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "app/application.hpp"
#include "core/base64url.hpp"
#include "core/clock.hpp"
#include "jose/signing_key.hpp"
#include "oauth/keys/sealed_key.hpp"

namespace authly::test {

// The master key of every test application (base64url of 32 bytes of 'm').
inline const std::string kTestMasterKey(32, 'm');

// One key per algorithm for the whole test process: generating RSA keys per test is the slow part
// of a component test. Each test application seals them into its own fresh database.
inline const jose::SigningKey& process_signing_key(jose::Algorithm alg) {
  static std::mutex mutex;
  static std::map<jose::Algorithm, std::unique_ptr<const jose::SigningKey>> keys;
  std::lock_guard lock(mutex);
  auto& key = keys[alg];
  if (!key) key = std::make_unique<const jose::SigningKey>(jose::SigningKey::generate(alg));
  return *key;
}

struct TestApplicationOptions {
  std::function<void(config::Config&)> configure;  // after the test defaults, before anything opens
  // A hasher of the test's own (to observe or hold password hashing); empty: the real one.
  std::function<std::unique_ptr<crypto::PasswordHasher>(const crypto::PasswordPolicy&)> make_hasher;
  // The clock the application reads; empty: one standing at 1,800,000,000 (2027-01-15).
  std::shared_ptr<core::FixedClock> clock;
};

class TestApplication {
 public:
  explicit TestApplication(TestApplicationOptions options = {})
      : clock_(options.clock ? options.clock : std::make_shared<core::FixedClock>(core::from_unix(1'800'000'000))) {
    config::Config c;
    c.issuer = "https://id.example.test";
    c.database_url = "sqlite::memory:";
    c.master_key = core::base64url_encode(kTestMasterKey);
    c.password.argon2_ops_limit = 1;
    c.password.argon2_mem_limit_kib = 8;
    c.http.io_threads = 1;
    c.http.blocking_threads = 2;
    if (options.configure) options.configure(c);
    c.listen = "127.0.0.1:0";
    app::Runtime runtime;
    runtime.clock = clock_;
    runtime.make_hasher = std::move(options.make_hasher);
    app_ = std::make_unique<app::Application>(std::move(c), std::move(runtime));
    app_->store().migrate();
    seal_process_keys();
    add_operator();
    app_->bootstrap();
  }

  ~TestApplication() { stop(); }
  TestApplication(const TestApplication&) = delete;
  TestApplication& operator=(const TestApplication&) = delete;

  // The server as `authly serve` builds it, on its own thread.
  void start() {
    if (server_) return;
    auto router = app_->build_router([this] { return server_ && server_->draining(); });
    server_ = std::make_unique<http::Server>(app_->server_options(), std::move(router), app_->middleware());
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  void stop() {
    if (!server_) return;
    server_->stop();
    thread_.join();
    server_.reset();
  }

  // A user created through services::UserService with the application's hasher; returns its id.
  std::string add_user(const services::NewUser& user) {
    auto created = app_->users().create(user, "test");
    if (!created.ok()) throw std::runtime_error("add_user: " + created.error().message);
    return created->id;
  }

  app::Application& app() { return *app_; }
  store::Store& store() { return app_->store(); }
  core::FixedClock& clock() { return *clock_; }
  http::Server& server() { return *server_; }
  std::uint16_t port() const { return server_->port(); }
  const config::Config& config() const { return app_->config(); }

 private:
  // What bootstrap would generate for the configured and the ID-token algorithm, from the
  // process-wide keys.
  void seal_process_keys() {
    const auto now = clock_->now();
    for (const auto alg : {*jose::algorithm_from_string(app_->config().oauth.signing_alg), jose::Algorithm::RS256}) {
      const std::string name(jose::to_string(alg));
      bool present = false;
      for (const auto& row : app_->store().keys().list()) present = present || row.alg == name;
      if (present) continue;
      auto row = oauth::keys::seal_signing_key(process_signing_key(alg), kTestMasterKey, app_->random(), now);
      row.state = store::KeyState::active;
      row.activated_at = now;
      app_->store().keys().create(row);
    }
  }

  // An administrator row, so that bootstrap creates none (and hashes no password: a test's hasher
  // may be one that holds hashing). No test signs in as it.
  void add_operator() {
    store::User u;
    u.id = "operator";
    u.username = "operator";
    u.email = "operator@example.test";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    u.is_admin = true;
    u.is_active = true;
    u.created_at = u.updated_at = clock_->now();
    app_->store().users().create(u);
  }

  std::shared_ptr<core::FixedClock> clock_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

// The base of the component fixtures: a TestApplication built from the fixture's hooks, and the
// handles tests use. A fixture calls open() (once) and then serve().
class ApplicationTest : public ::testing::Test {
 protected:
  virtual void configure(config::Config& c) { (void)c; }
  // The hasher the endpoints use; a test may substitute one that observes or holds the hashing.
  virtual std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) {
    return std::make_unique<crypto::PasswordHasher>(policy);
  }

  // Builds the application (no server yet); `defaults` run before configure().
  void open(const std::function<void(config::Config&)>& defaults = {}) {
    TestApplicationOptions options;
    options.configure = [this, defaults](config::Config& c) {
      if (defaults) defaults(c);
      configure(c);
    };
    options.make_hasher = [this](const crypto::PasswordPolicy& policy) { return make_hasher(policy); };
    options.clock = clock_ptr_;
    app_ = std::make_unique<TestApplication>(std::move(options));
    config_ = app_->config();
    store_ = &app_->store();
    keys_ = &app_->app().signing_keys();
    hasher_ = &app_->app().hasher();
  }
  // Starts (or restarts) the server.
  void serve() {
    app_->start();
    ctx_ = &app_->app().context();
    server_ = &app_->server();
  }
  void TearDown() override {
    if (app_) app_->stop();
  }

  std::unique_ptr<TestApplication> app_;
  config::Config config_;  // the application's, as configure() left it
  std::shared_ptr<core::FixedClock> clock_ptr_ = std::make_shared<core::FixedClock>(core::from_unix(1'800'000'000));
  core::FixedClock& clock_ = *clock_ptr_;
  core::SystemRandom rng_;
  store::Store* store_ = nullptr;  // the application's (cached) store
  oauth::SigningKeys* keys_ = nullptr;
  const crypto::PasswordHasher* hasher_ = nullptr;
  endpoints::EndpointContext* ctx_ = nullptr;  // valid while served
  http::Server* server_ = nullptr;             // likewise
};

}  // namespace authly::test
