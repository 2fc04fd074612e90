// Two `authly serve` instances on one PostgreSQL and one Redis, behind a load balancer (trusted
// proxy: the client address comes from X-Forwarded-For): they enforce one shared rate limit, and
// when Redis stops and comes back under load they keep serving (in-process limits meanwhile),
// report it on readiness and /metrics, and reconnect by themselves.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "cache/redis_client.hpp"
#include "core/base64url.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"
#include "support/redis_server.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

using namespace std::chrono_literals;

constexpr int kFailureLimit = 6;

class TwoInstances : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = base_env({{"AUTHLY_DATABASE_URL", db_.url()},
                     {"AUTHLY_DATA_DIR", db_.data_dir()},
                     {"AUTHLY_REDIS_URL", redis_.url()},
                     {"AUTHLY_ISSUER", "https://authly.test"},
                     {"AUTHLY_MASTER_KEY", core::base64url_encode(std::string(32, 'k'))},
                     {"AUTHLY_HTTP_TRUSTED_PROXIES", "127.0.0.1/32"},
                     {"AUTHLY_DATABASE_CONNECT_TIMEOUT_MS", "500"},
                     {"AUTHLY_OAUTH_CLIENT_AUTH_FAILURES_PER_IP_PER_MINUTE", std::to_string(kFailureLimit)},
                     // The load below is one client; its request limit is not what is tested here.
                     {"AUTHLY_OAUTH_CLIENT_REQUESTS_PER_CLIENT_PER_MINUTE", "0"}});
    a_ = std::make_unique<AuthlyServer>(env_);
    b_ = std::make_unique<AuthlyServer>(env_);
    auto client = run_authly({"client", "create", "--name", "svc", "--grant-type", "client_credentials",
                              "--auth-method", "client_secret_post", "--json"},
                             env_);
    ASSERT_EQ(client.exit_code, 0) << client.err;
    const auto c = boost::json::parse(client.out);
    id_ = std::string(c.at("client_id").as_string());
    secret_ = std::string(c.at("client_secret").as_string());
  }

  int token(AuthlyServer& s, const std::string& from, const std::string& secret) {
    return post_form(s.port(), "/auth/token",
                     "grant_type=client_credentials&client_id=" + id_ + "&client_secret=" + secret,
                     {{"X-Forwarded-For", from}})
        .status;
  }
  static bool redis_up_metric(AuthlyServer& s) {
    return get(s.port(), "/metrics").body.find("\nauthly_redis_up 1\n") != std::string::npos;
  }
  static std::string ready_redis(AuthlyServer& s) {
    const auto r = get(s.port(), "/health/ready");
    if (r.status != 200) return "status " + std::to_string(r.status);
    return std::string(boost::json::parse(r.body).at("checks").at("redis").as_string());
  }
  static bool eventually(const std::function<bool()>& condition) {
    for (int i = 0; i < 150; ++i) {
      if (condition()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  ScratchDatabase db_{"postgresql"};
  RedisServer redis_;
  Env env_;
  std::unique_ptr<AuthlyServer> a_, b_;
  std::string id_, secret_;
};

TEST_F(TwoInstances, FailedClientAuthenticationsShareOneBudget) {
  const std::string from = "198.51.100.10";
  for (int i = 0; i < kFailureLimit; ++i) EXPECT_EQ(token(i % 2 ? *b_ : *a_, from, "wrong"), 401) << i;
  // Six failures spread over two instances: the one that saw the last knows the shared total.
  EXPECT_EQ(token(*b_, from, secret_), 429);
  // The other learns it at its next failure (at most one more per instance, never a budget each).
  EXPECT_EQ(token(*a_, from, "wrong"), 401);
  EXPECT_EQ(token(*a_, from, secret_), 429);
  EXPECT_EQ(token(*a_, "198.51.100.11", secret_), 200);  // another address is not affected
}

TEST_F(TwoInstances, ARedisRestartUnderLoadCostsNoRequestAndLimitsHoldThroughout) {
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> load;
  for (int t = 0; t < 2; ++t)
    load.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        const int status = token((i + t) % 2 ? *b_ : *a_, "198.51.100.1", secret_);
        (status == 200 ? ok : failed)++;
      }
    });

  redis_.stop();
  EXPECT_TRUE(eventually([&] { return ready_redis(*a_) == "down" && ready_redis(*b_) == "down"; }))
      << ready_redis(*a_) << " " << ready_redis(*b_);  // reported, and still 200: in rotation
  EXPECT_FALSE(redis_up_metric(*a_));
  // The failure limit still holds, on each instance's own count.
  const std::string during = "198.51.100.20";
  for (int i = 0; i < kFailureLimit; ++i) EXPECT_EQ(token(*a_, during, "wrong"), 401) << i;
  EXPECT_EQ(token(*a_, during, secret_), 429);

  redis_.start();
  EXPECT_TRUE(eventually([&] { return redis_up_metric(*a_) && redis_up_metric(*b_); }))
      << "the instances did not reconnect to Redis by themselves";
  EXPECT_EQ(ready_redis(*a_), "up");
  // Shared again: a failure now reaches Redis.
  EXPECT_EQ(token(*b_, "198.51.100.30", "wrong"), 401);
  cache::RedisClient check(cache::parse_redis_url(redis_.url()), 2s);
  const auto keys =
      check.command({"EVAL", "return #redis.call('KEYS', ARGV[1])", "0", "authly:rl:s:auth-fail:198.51.100.30:*"});
  EXPECT_EQ(keys.value_or(""), "1");

  stop = true;
  for (auto& t : load) t.join();
  EXPECT_GT(ok.load(), 50);
  EXPECT_EQ(failed.load(), 0) << "token requests failed while Redis was down or coming back";
}

}  // namespace
}  // namespace authly::test
