// `authly serve`: the real binary on a free port, against SQLite and PostgreSQL, plus Redis.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <thread>

#include "support/process.hpp"
#include "support/raw_http.hpp"
#include "support/scratch_database.hpp"
#include "support/test_env.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ServeOnBackend : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    env_ = base_env(
        {{"AUTHLY_DATABASE_URL", db_->url()}, {"AUTHLY_DATA_DIR", db_->data_dir()}, {"AUTHLY_LOG_LEVEL", "info"}});
  }
  std::unique_ptr<ScratchDatabase> db_;
  Env env_;
};

TEST_P(ServeOnBackend, FirstStartMigratesCreatesAdminAndIsReady) {
  AuthlyServer server(env_);
  auto live = get(server.port(), "/health/live");
  EXPECT_EQ(live.status, 200);
  auto ready = get(server.port(), "/health/ready");
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto body = boost::json::parse(ready.body);
  EXPECT_EQ(body.at("checks").at("database").as_string(), "up");
  EXPECT_EQ(get(server.port(), "/health").status, 200);

  const std::string out = server.process().out();
  EXPECT_THAT(out, HasSubstr("first admin user: admin"));
  EXPECT_THAT(out, HasSubstr("generated password"));
  EXPECT_THAT(out, HasSubstr("schema migration 1"));

  // The admin exists in the database the CLI sees.
  auto shown = run_authly({"user", "show", "admin", "--json"}, env_);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(boost::json::parse(shown.out).at("is_admin").as_bool());
}

TEST_P(ServeOnBackend, AdminFromEnvironmentIsCreatedAndPasswordNeverPrinted) {
  env_["AUTHLY_ADMIN_USERNAME"] = "root-admin";
  env_["AUTHLY_ADMIN_PASSWORD"] = "a-very-long-admin-passphrase";
  AuthlyServer server(env_);
  server.process().send_signal(SIGTERM);
  ASSERT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);
  EXPECT_THAT(server.process().out(), HasSubstr("root-admin"));
  EXPECT_THAT(server.process().out(), Not(HasSubstr("a-very-long-admin-passphrase")));
  EXPECT_THAT(server.process().err(), Not(HasSubstr("a-very-long-admin-passphrase")));
  EXPECT_EQ(run_authly({"user", "show", "root-admin"}, env_).exit_code, 0);
}

TEST_P(ServeOnBackend, SecondStartCreatesNothing) {
  {
    AuthlyServer first(env_);
    first.process().send_signal(SIGTERM);
    ASSERT_EQ(first.process().wait_for(std::chrono::seconds(20)), 0);
  }
  AuthlyServer second(env_);
  EXPECT_THAT(second.process().out(), Not(HasSubstr("created")));
  EXPECT_EQ(get(second.port(), "/health/ready").status, 200);
}

TEST_P(ServeOnBackend, SigtermDrainsAndExitsZero) {
  AuthlyServer server(env_);
  ASSERT_EQ(get(server.port(), "/health/ready").status, 200);
  server.process().send_signal(SIGTERM);
  EXPECT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0) << server.process().err();
  EXPECT_FALSE(can_connect(server.port()));
}

TEST_P(ServeOnBackend, RequestIdIsEchoedAndAccessLogOmitsQuery) {
  AuthlyServer server(env_);
  auto r = get(server.port(), "/health/live?code=SECRETCODE", {{"X-Request-ID", "abc-123"}});
  EXPECT_EQ(r.header("X-Request-ID").value_or(""), "abc-123");
  server.process().send_signal(SIGTERM);
  ASSERT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);
  const std::string log = server.process().err();
  EXPECT_THAT(log, HasSubstr("\"request_id\":\"abc-123\""));
  EXPECT_THAT(log, Not(HasSubstr("SECRETCODE")));
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeOnBackend, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// ---- Dependencies going away ----------------------------------------------------------------

TEST(Serve, ReadyIs503NamingDatabaseWhenPostgresDatabaseDisappears) {
  ScratchDatabase db("postgresql");
  AuthlyServer server(base_env({{"AUTHLY_DATABASE_URL", db.url()},
                                {"AUTHLY_DATA_DIR", db.data_dir()},
                                {"AUTHLY_DATABASE_CONNECT_TIMEOUT_MS", "2000"}}));
  ASSERT_EQ(get(server.port(), "/health/ready").status, 200);
  db.drop();
  auto ready = get(server.port(), "/health/ready");
  EXPECT_EQ(ready.status, 503) << ready.body;
  auto body = boost::json::parse(ready.body);
  EXPECT_EQ(body.at("checks").at("database").as_string(), "down");
  EXPECT_EQ(get(server.port(), "/health/live").status, 200);  // alive, just not ready
}

TEST(Serve, ReadyChecksRealRedis) {
  ASSERT_FALSE(redis_test_url().empty()) << "REDIS_TEST_URL is not set: run the suite with `make test`";
  TempDir dir;
  AuthlyServer server(base_env({{"AUTHLY_DATA_DIR", dir.path()}, {"AUTHLY_REDIS_URL", redis_test_url()}}));
  auto ready = get(server.port(), "/health/ready");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(boost::json::parse(ready.body).at("checks").at("redis").as_string(), "up");
}

TEST(Serve, ReadyIsDegradedNamingRedisWhenRedisIsDown) {
  TempDir dir;
  AuthlyServer server(base_env({{"AUTHLY_DATA_DIR", dir.path()},
                                {"AUTHLY_REDIS_URL", "redis://127.0.0.1:" + std::to_string(free_port())},
                                {"AUTHLY_DATABASE_CONNECT_TIMEOUT_MS", "500"}}));
  auto ready = get(server.port(), "/health/ready");
  EXPECT_EQ(ready.status, 200) << ready.body;  // still in rotation: it serves without Redis
  auto body = boost::json::parse(ready.body);
  EXPECT_EQ(body.at("status").as_string(), "degraded");
  EXPECT_EQ(body.at("checks").at("redis").as_string(), "down");
  EXPECT_EQ(body.at("checks").at("database").as_string(), "up");
  EXPECT_THAT(ready.body, HasSubstr("\"down\":[\"redis\"]"));
}

TEST(Serve, UnreachableDatabaseFailsStartupClearly) {
  TempDir dir;
  auto r = run_authly({"serve"}, base_env({{"AUTHLY_DATA_DIR", dir.path()},
                                           {"AUTHLY_LISTEN", "127.0.0.1:" + std::to_string(free_port())},
                                           {"AUTHLY_DATABASE_URL", "postgresql://authly:pw123456@127.0.0.1:1/x"},
                                           {"AUTHLY_DATABASE_CONNECT_TIMEOUT_MS", "1000"}}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("database"));
  EXPECT_THAT(r.err, Not(HasSubstr("pw123456")));
}

TEST(Serve, BadListenAddressIsAConfigError) {
  TempDir dir;
  auto r = run_authly({"serve"}, base_env({{"AUTHLY_DATA_DIR", dir.path()}, {"AUTHLY_LISTEN", "127.0.0.1:99999"}}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("AUTHLY_LISTEN"));
}

TEST(Serve, PortInUseFailsWithClearError) {
  TempDir dir;
  AuthlyServer first(base_env({{"AUTHLY_DATA_DIR", dir.path()}}));
  TempDir dir2;
  auto r = run_authly({"serve"}, base_env({{"AUTHLY_DATA_DIR", dir2.path()},
                                           {"AUTHLY_LISTEN", "127.0.0.1:" + std::to_string(first.port())}}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(std::to_string(first.port())));
}

// ---- Bad HTTP against the real binary ---------------------------------------------------------

class ServeHttpLimits : public ::testing::Test {
 protected:
  TempDir dir_;
  AuthlyServer server_{base_env({{"AUTHLY_DATA_DIR", dir_.path()},
                                 {"AUTHLY_HTTP_MAX_BODY_BYTES", "1024"},
                                 {"AUTHLY_HTTP_MAX_HEADER_BYTES", "2048"}})};
};

TEST_F(ServeHttpLimits, MalformedRequestLineIs400) {
  RawConnection c(server_.port());
  auto r = c.request("BLAH\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(get(server_.port(), "/health/live").status, 200);  // the server is fine
}

TEST_F(ServeHttpLimits, OversizedBodyIs413) {
  auto r = request(server_.port(), "POST", "/health/live", {{"Content-Type", "application/x-www-form-urlencoded"}},
                   std::string(4096, 'a'));
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServeHttpLimits, OversizedHeaderIs431) {
  auto r = get(server_.port(), "/health/live", {{"X-Filler", std::string(4096, 'x')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(ServeHttpLimits, UnknownPathIs404AndWrongMethodIs405) {
  EXPECT_EQ(get(server_.port(), "/nope").status, 404);
  auto r = request(server_.port(), "DELETE", "/health/live");
  EXPECT_EQ(r.status, 405);
  EXPECT_THAT(r.header("Allow").value_or(""), HasSubstr("GET"));
}

}  // namespace
}  // namespace authly::test
