// The Grafana dashboard (deploy/grafana/authly-dashboard.json) is built on the real metric names:
// every authly_* name a panel expression or template variable uses is a family on a live /metrics.
// With redis_url set (to a port that refuses), so that authly_redis_up is exposed as well.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/raw_http.hpp"
#include "support/test_application.hpp"

namespace authly::test {
namespace {

// A loopback port bound but never listening: connecting to it is refused at once, and no other
// process can take it while the test runs.
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("cannot bind a loopback port");
    port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

// The strings Prometheus evaluates: panel target expressions and template variable queries.
void collect_queries(const boost::json::value& v, std::vector<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& [key, child] : *o) {
      if ((key == "expr" || key == "definition" || key == "query") && child.is_string())
        out.emplace_back(child.as_string());
      collect_queries(child, out);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& child : *a) collect_queries(child, out);
  }
}

class DashboardMetrics : public ApplicationTest {
 protected:
  void configure(config::Config& c) override { c.redis_url = "redis://127.0.0.1:" + std::to_string(redis_.port()); }
  void SetUp() override {
    open();
    serve();
  }
  RefusingPort redis_;
};

TEST_F(DashboardMetrics, PanelsNameOnlyExposedFamilies) {
  (void)get(server_->port(), "/.well-known/openid-configuration");
  const auto scrape = get(server_->port(), "/metrics");
  ASSERT_EQ(scrape.status, 200);
  const auto has = [&](const std::string& text) { return scrape.body.find(text) != std::string::npos; };

  std::ifstream in(std::string(AUTHLY_SOURCE_DIR) + "/deploy/grafana/authly-dashboard.json");
  ASSERT_TRUE(in) << "deploy/grafana/authly-dashboard.json";
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> queries;
  collect_queries(boost::json::parse(text), queries);
  ASSERT_GT(queries.size(), 10u);

  const std::regex name(R"(authly_[a-z0-9_]+)");
  std::set<std::string> names;
  for (const auto& query : queries)
    for (auto it = std::sregex_iterator(query.begin(), query.end(), name); it != std::sregex_iterator(); ++it)
      names.insert(it->str());
  for (const auto& family : names) {
    // A family is declared by its TYPE line; a histogram's series carry _bucket, _sum, _count.
    std::string base = family;
    for (const std::string suffix : {"_bucket", "_sum", "_count"})
      if (base.ends_with(suffix) && has("# TYPE " + base.substr(0, base.size() - suffix.size()) + " histogram"))
        base.resize(base.size() - suffix.size());
    EXPECT_TRUE(has("# TYPE " + base + " ")) << family << " is not on /metrics";
  }
  EXPECT_TRUE(names.contains("authly_redis_up"));
  EXPECT_TRUE(has("authly_redis_up 0\n")) << scrape.body;
  EXPECT_GT(names.size(), 15u);
}

}  // namespace
}  // namespace authly::test
