// The composed application in-process: SQLite :memory:, the real server on port 0.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <thread>

#include "app/application.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

config::Config memory_config(const std::string& data_dir) {
  config::Config c;
  c.database_url = "sqlite::memory:";
  c.data_dir = data_dir;
  c.listen = "127.0.0.1:0";
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  return c;
}

class AppServer {
 public:
  explicit AppServer(config::Config c) : app_(std::move(c)) {
    app_.bootstrap();
    auto router = app_.build_router([this] { return server_ && server_->draining(); });
    auto options = app_.server_options();
    options.port = 0;
    server_ = std::make_unique<http::Server>(options, std::move(router), app_.middleware());
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~AppServer() {
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

TEST(AppHealth, ReadyWhenDatabaseAnswers) {
  TempDir dir;
  AppServer s(memory_config(dir.path()));
  auto r = get(s.port(), "/health/ready");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(get(s.port(), "/health/live").status, 200);
}

// Redis is shared by every replica: failing readiness on its outage would take them all out of the
// load balancer at once, while each can still serve (in-process limits, the database).
TEST(AppHealth, UnreachableRedisIsReportedDegradedAndStaysReady) {
  TempDir dir;
  auto c = memory_config(dir.path());
  c.redis_url = "redis://127.0.0.1:" + std::to_string(free_port());
  c.database.connect_timeout_ms = 500;
  AppServer s(c);
  auto r = get(s.port(), "/health/ready");
  EXPECT_EQ(r.status, 200) << r.body;
  auto body = boost::json::parse(r.body);
  EXPECT_EQ(body.at("status").as_string(), "degraded");
  EXPECT_EQ(body.at("checks").at("redis").as_string(), "down");
  EXPECT_EQ(body.at("down").as_array().at(0).as_string(), "redis");
}

TEST(AppBootstrap, CreatesMasterKeyFileReadableByOwnerOnly) {
  TempDir dir;
  app::Application app(memory_config(dir.path()));
  auto report = app.bootstrap();
  const std::string key_path = dir.path() + "/master.key";
  struct stat st {};
  ASSERT_EQ(::stat(key_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(app.master_key().size(), 32u);
  EXPECT_EQ(report.admin_username, "admin");
  EXPECT_EQ(report.admin_password_generated.size(), 20u);
}

TEST(AppBootstrap, SecondBootstrapKeepsKeyAndCreatesNoAdmin) {
  TempDir dir;
  auto c = memory_config(dir.path());
  c.database_url = "sqlite://" + dir.path() + "/authly.db";
  std::string first_key;
  {
    app::Application app(c);
    app.bootstrap();
    first_key = app.master_key();
  }
  app::Application app(c);
  auto report = app.bootstrap();
  EXPECT_TRUE(report.admin_username.empty());
  EXPECT_TRUE(report.applied.empty());
  EXPECT_EQ(app.master_key(), first_key);
}

TEST(AppBootstrap, RejectsMalformedConfiguredMasterKey) {
  TempDir dir;
  auto c = memory_config(dir.path());
  c.master_key = "too-short";
  app::Application app(c);
  EXPECT_THROW(app.bootstrap(), std::runtime_error);
}

}  // namespace
}  // namespace authly::test
