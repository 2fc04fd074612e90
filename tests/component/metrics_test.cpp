// GET /metrics (Prometheus text exposition 0.0.4): the families Authly promises, labelled by route
// template and never by raw path, token or secret, and valid for Prometheus's own parser
// (`promtool check metrics`, Debian's prometheus package, installed by scripts/install-deps.sh).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>

#include "support/process.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

class Metrics : public TokenServer {
 protected:
  std::string scrape() {
    auto r = get(server_->port(), "/metrics");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type").value_or(""), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
    return r.body;
  }
  static bool has(const std::string& body, const std::string& line) { return body.find(line) != std::string::npos; }
};

// A request is counted once its response's last byte is written, so the client may read the
// response a moment before the count moves: scrape `port` until `line` shows (2 s at most) and
// return the last exposition.
std::string scrape_until(std::uint16_t port, const std::string& line) {
  std::string body;
  for (int attempt = 0; attempt < 100; ++attempt) {
    body = get(port, "/metrics").body;
    if (body.find(line) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return body;
}

// promtool's verdict on `text`: its exit status and what it printed.
std::pair<int, std::string> promtool_check(const std::string& text) {
  TempDir dir;
  const std::string file = dir.path() + "/metrics.txt";
  std::ofstream(file) << text;
  FILE* p = ::popen(("promtool check metrics < " + file + " 2>&1").c_str(), "r");
  if (!p) return {-1, "popen failed"};
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  return {::pclose(p), out};
}

TEST_F(Metrics, RequestsAreCountedByRouteTemplateMethodAndStatusClass) {
  ASSERT_EQ(get(server_->port(), "/.well-known/openid-configuration").status, 200);
  ASSERT_EQ(get(server_->port(), "/.well-known/openid-configuration").status, 200);
  const std::string counted =
      "authly_http_requests_total{route=\"/.well-known/openid-configuration\",method=\"GET\",status_class=\"2xx\"} 2\n";
  const auto body = scrape_until(server_->port(), counted);
  EXPECT_TRUE(has(body, counted)) << body;
  EXPECT_TRUE(has(body,
                  "authly_http_request_duration_seconds_count{route=\"/.well-known/openid-configuration\","
                  "method=\"GET\",status_class=\"2xx\"} 2\n"));
  EXPECT_TRUE(has(body,
                  "authly_http_request_duration_seconds_bucket{route=\"/.well-known/openid-configuration\","
                  "method=\"GET\",status_class=\"2xx\",le=\"+Inf\"} 2\n"));
  EXPECT_TRUE(has(body, "# TYPE authly_http_request_duration_seconds histogram\n"));
}

TEST_F(Metrics, RawPathsNeverBecomeLabels) {
  ASSERT_EQ(get(server_->port(), "/no/such/place-s3cr3t").status, 404);
  const std::string counted = "authly_http_requests_total{route=\"unmatched\",method=\"any\",status_class=\"4xx\"} 1\n";
  const auto body = scrape_until(server_->port(), counted);
  EXPECT_EQ(body.find("s3cr3t"), std::string::npos);
  EXPECT_TRUE(has(body, counted)) << body;
}

TEST_F(Metrics, TokensIssuedByGrantAndRefusalsByErrorCode) {
  const auto issued = json_of(exchange(add_code("web")));
  const auto access_token = str(issued, "access_token");
  ASSERT_FALSE(access_token.empty());
  ASSERT_EQ(
      token({{"grant_type", "client_credentials"}, {"client_id", "web"}, {"client_secret", "wrong-secret"}}).status,
      401);
  ASSERT_EQ(token({{"grant_type", "urn:example:unknown"}}).status, 400);
  const auto body = scrape();
  EXPECT_TRUE(has(body, "authly_tokens_issued_total{grant_type=\"authorization_code\"} 1\n")) << body;
  EXPECT_TRUE(has(body, "authly_tokens_issued_total{grant_type=\"client_credentials\"} 0\n"));
  EXPECT_TRUE(has(body, "authly_token_errors_total{error=\"invalid_client\"} 1\n"));
  EXPECT_TRUE(has(body, "authly_token_errors_total{error=\"unsupported_grant_type\"} 1\n"));
  // Neither the token, the refresh token, nor the secret tried.
  EXPECT_EQ(body.find(access_token), std::string::npos);
  EXPECT_EQ(body.find(str(issued, "refresh_token")), std::string::npos);
  EXPECT_EQ(body.find("wrong-secret"), std::string::npos);
}

TEST_F(Metrics, ServerPoolMaintenanceAndBuildInfoAreExposed) {
  const auto body = scrape();
  for (const char* family : {"authly_build_info{version=\"",
                             "authly_http_connections_open ",
                             "authly_http_connections_accepted_total ",
                             "authly_blocking_pool_queue_depth ",
                             "authly_blocking_pool_running ",
                             "authly_blocking_pool_rejected_total ",
                             "authly_maintenance_job_runs_total{task=\"purge_expired_rows\"} ",
                             "authly_maintenance_job_last_success_timestamp_seconds{task=\"signing_keys\"} ",
                             "authly_maintenance_job_failures_total{task=\"jwks_document\"} ",
                             "authly_signing_key_age_seconds{alg=\"ES256\"} ",
                             "authly_database_up 1\n",
                             "authly_db_pool_connections 8\n",
                             "authly_db_pool_in_use ",
                             "authly_db_pool_waiting 0\n",
                             "authly_db_pool_timeouts_total 0\n",
                             "authly_backchannel_deliveries_total{outcome=\"dropped\"} 0\n",
                             "authly_backchannel_deliveries_total{outcome=\"delivered\"} 0\n",
                             "authly_backchannel_queue_depth 0\n",
                             "authly_backchannel_retries_total 0\n",
                             "authly_audit_events_dropped_total 0\n",
                             "authly_audit_queue_depth ",
                             "authly_audit_events_written_total "})
    EXPECT_TRUE(has(body, family)) << family << "\n" << body;
  // The scrape itself is a blocking-pool job.
  EXPECT_TRUE(has(body, "authly_blocking_pool_jobs_total{reason=\"metrics\"} ")) << body;
}

// Alice's session (the fixture's) and one more are live; an ended and an expired one are not.
TEST_F(Metrics, ActiveSessionsCountOnlyLiveOnes) {
  EXPECT_TRUE(has(scrape(), "authly_sessions_active 1\n"));
  store_->sessions().create(test_session(alice_id_, clock_.now(), "second"));
  store_->sessions().create(test_session(alice_id_, clock_.now(), "ended"));
  ASSERT_TRUE(store_->sessions().end("ended", clock_.now()));
  auto expired = test_session(alice_id_, clock_.now() - std::chrono::hours(2), "expired");
  expired.expires_at = clock_.now() - std::chrono::hours(1);
  store_->sessions().create(expired);
  const auto body = scrape();
  EXPECT_TRUE(has(body, "authly_sessions_active 2\n")) << body;
  EXPECT_TRUE(has(body, "# TYPE authly_sessions_active gauge\n"));
}

TEST_F(Metrics, PrometheusParserAcceptsTheExposition) {
  (void)exchange(add_code("web"));
  (void)get(server_->port(), "/no/such/place");
  (void)get(server_->port(), "/oidc/jwks");
  const auto [status, output] = promtool_check(scrape());
  EXPECT_EQ(status, 0) << "promtool check metrics:\n" << output;
}

// Every authly_* family the alert rules (deploy/prometheus/alerts.yml) name is on /metrics.
TEST_F(Metrics, AlertRulesNameOnlyExposedFamilies) {
  (void)get(server_->port(), "/.well-known/openid-configuration");
  const auto body = scrape();
  std::ifstream in(std::string(AUTHLY_SOURCE_DIR) + "/deploy/prometheus/alerts.yml");
  ASSERT_TRUE(in) << "deploy/prometheus/alerts.yml";
  const std::string rules((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::regex name(R"(authly_[a-z_]+)");
  int checked = 0;
  for (auto it = std::sregex_iterator(rules.begin(), rules.end(), name); it != std::sregex_iterator(); ++it) {
    const std::string family = it->str();
    if (family == "authly_redis_up") continue;  // exposed only with redis_url set (no Redis here)
    // A family is declared by its TYPE line; a histogram's series carry _bucket, _sum, _count.
    std::string base = family;
    for (const std::string suffix : {"_bucket", "_sum", "_count"})
      if (base.ends_with(suffix) && has(body, "# TYPE " + base.substr(0, base.size() - suffix.size()) + " histogram"))
        base.resize(base.size() - suffix.size());
    EXPECT_TRUE(has(body, "# TYPE " + base + " ")) << family;
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

// metrics.listen: /metrics moves to a listener of its own (with /health/live), and the public one
// no longer answers it.
class SeparateMetricsListener : public TokenServer {
 protected:
  void configure(config::Config& c) override { c.metrics.listen = "127.0.0.1:0"; }
};

TEST_F(SeparateMetricsListener, MetricsAreServedOnlyOnTheirOwnAddress) {
  const auto metrics_port = app_->metrics_port();
  ASSERT_NE(metrics_port, 0);
  ASSERT_NE(metrics_port, server_->port());
  EXPECT_EQ(get(server_->port(), "/metrics").status, 404);
  ASSERT_EQ(get(server_->port(), "/.well-known/openid-configuration").status, 200);
  const std::string counted =
      "authly_http_requests_total{route=\"/.well-known/openid-configuration\",method=\"GET\",status_class=\"2xx\"} 1\n";
  const auto body = scrape_until(metrics_port, counted);
  // The public listener's traffic is what it counts; its own scrapes are not routes of that server.
  EXPECT_NE(body.find(counted), std::string::npos) << body;
  EXPECT_EQ(body.find("route=\"/metrics\""), std::string::npos);
  const auto r = get(metrics_port, "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type").value_or(""), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(get(metrics_port, "/health/live").status, 200);
  EXPECT_EQ(get(metrics_port, "/oidc/jwks").status, 404);  // nothing else is served there
}

}  // namespace
}  // namespace authly::test
