// The token-side endpoints' rate limits (oauth/client_auth_limits.hpp) as served: 429 with
// Retry-After (RFC 6585 §4) and an OAuth JSON error, per address for failed client
// authentications, per client for requests.
#include "token_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;

class ClientAuthLimits : public TokenServer {
 protected:
  void configure(config::Config& c) override {
    c.oauth.client_auth_failures_per_ip_per_minute = 3;
    c.oauth.client_requests_per_client_per_minute = 5;
  }
  HttpResponse service_token(const std::string& secret) {
    return token({{"grant_type", "client_credentials"}}, {{"Authorization", basic("service", secret)}});
  }
};

void expect_rate_limited(const HttpResponse& r, const std::string& retry_after) {
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.header("Retry-After").value_or(""), retry_after);
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(error_of(r), "temporarily_unavailable");
}

TEST_F(ClientAuthLimits, FailedAuthenticationsFromAnAddressShutItOutUntilTheWindowEnds) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(service_token("wrong-secret").status, 401) << i;
  // Now even the right secret is refused before it is checked: guessing costs the guesser.
  expect_rate_limited(service_token(service_secret_), "60");  // the test clock sits on a minute's start
  // Introspection and revocation authenticate clients the same way, under the same count.
  expect_rate_limited(as_web("/auth/introspect", {{"token", "x"}}), "60");
  expect_rate_limited(as_web("/auth/revoke", {{"token", "x"}}), "60");
  clock_.advance(std::chrono::seconds(60));
  EXPECT_EQ(service_token(service_secret_).status, 200);
  // Each refusal is counted for /metrics under its limit.
  const auto metrics = get(server_->port(), "/metrics").body;
  EXPECT_THAT(metrics, HasSubstr("authly_rate_limited_total{limit=\"client_authentication\"} 3\n")) << metrics;
}

TEST_F(ClientAuthLimits, RequestsOfOneClientBeyondItsLimitGet429AndOthersGoOn) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(service_token(service_secret_).status, 200) << i;
  expect_rate_limited(service_token(service_secret_), "60");
  EXPECT_EQ(as_web("/auth/introspect", {{"token", "x"}}).status, 200);  // another client
  clock_.advance(std::chrono::seconds(30));
  expect_rate_limited(service_token(service_secret_), "30");  // the same window, half gone
}

}  // namespace
}  // namespace authly::test
