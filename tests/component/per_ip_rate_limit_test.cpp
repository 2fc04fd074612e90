// Anonymous requests that write rows are rate-limited per client IP (through cache::RateLimiter,
// shared in Redis when configured): the authorization endpoint answers an HTML 429 page, dynamic
// client registration an RFC 6749-style JSON error with 429; both carry Retry-After (RFC 6585 §4).
#include <boost/json/parse.hpp>

#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

int retry_after_seconds(const HttpResponse& r) {
  const auto v = r.header("Retry-After");
  return v ? std::atoi(v->c_str()) : -1;
}

class AuthorizeRateLimit : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.oauth.authorize_per_ip_per_minute = 3; }
};

TEST_F(AuthorizeRateLimit, RequestsBeyondThePerIpLimitGetA429Page) {
  for (int i = 0; i < config_.oauth.authorize_per_ip_per_minute; ++i) {
    Browser b(port());
    ASSERT_EQ(b.get(authorize_target()).status, 200) << i;
  }
  Browser b(port());
  auto refused = b.get(authorize_target());
  EXPECT_EQ(refused.status, 429);
  EXPECT_THAT(refused.header("Content-Type").value_or(""), HasSubstr("text/html"));
  EXPECT_THAT(refused.body, HasSubstr("Too many requests"));
  EXPECT_GT(retry_after_seconds(refused), 0);
  EXPECT_LE(retry_after_seconds(refused), 60);
  EXPECT_FALSE(b.cookies.count("authly_interaction")) << "a refused request stores no interaction";
  EXPECT_FALSE(refused.header("Location")) << "no redirect to the (unvalidated) client";
  // POST counts against the same limit.
  auto posted = request(port(), "POST", "/oauth/authorize", {{"Content-Type", "application/x-www-form-urlencoded"}},
                        authorize_target().substr(std::string("/oauth/authorize?").size()));
  EXPECT_EQ(posted.status, 429);
}

class RegistrationRateLimit : public BrowserFlow {
 protected:
  void configure(config::Config& c) override {
    c.oauth.dynamic_registration = true;
    c.oauth.registrations_per_ip_per_hour = 2;
  }
  HttpResponse register_client() {
    return request(port(), "POST", "/oauth/clients", {{"Content-Type", "application/json"}},
                   R"({"redirect_uris":["https://rp.example/cb"]})");
  }
};

TEST_F(RegistrationRateLimit, RegistrationsBeyondThePerIpLimitGetA429JsonError) {
  for (int i = 0; i < config_.oauth.registrations_per_ip_per_hour; ++i) ASSERT_EQ(register_client().status, 201) << i;
  const auto before = store_->clients().list(1000, 0).size();
  auto refused = register_client();
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_THAT(refused.header("Content-Type").value_or(""), HasSubstr("application/json"));
  EXPECT_EQ(refused.header("Cache-Control").value_or(""), "no-store");
  auto body = boost::json::parse(refused.body).as_object();
  EXPECT_EQ(body.at("error").as_string(), "temporarily_unavailable");
  EXPECT_GT(retry_after_seconds(refused), 0);
  EXPECT_LE(retry_after_seconds(refused), 3600);
  EXPECT_EQ(store_->clients().list(1000, 0).size(), before) << "a refused registration creates nothing";
}

}  // namespace
}  // namespace authly::test::browser
