// The one error boundary (docs/architecture.md): a route that fails answers in its own shape,
// naming only the request id, while the exception text goes to the JSON error log. A password
// hasher whose verification fails (a library fault) makes the login page and the token endpoint
// fail from inside their handlers.
#include <stdexcept>

#include "browser_harness.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class FailingHasher final : public crypto::PasswordHasher {
 public:
  using PasswordHasher::PasswordHasher;
  bool verify(std::string_view, std::string_view) const override {
    throw std::runtime_error("argon2 failure near secret-material");
  }
};

class BrowserRouteFailure : public browser::BrowserFlow {
 protected:
  std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) override {
    return std::make_unique<FailingHasher>(policy);
  }
};

TEST_F(BrowserRouteFailure, LoginFailureIsAnHtmlPageNamingOnlyTheRequestId) {
  browser::Browser b(port());
  const auto page = b.get(authorize_target());
  ASSERT_EQ(page.status, 200);
  const auto r = login(b, page);
  EXPECT_EQ(r.status, 500);
  EXPECT_THAT(r.header("Content-Type").value_or(""), HasSubstr("text/html"));
  const auto request_id = r.header("X-Request-ID").value_or("");
  ASSERT_FALSE(request_id.empty());
  EXPECT_THAT(r.body, HasSubstr(request_id));
  EXPECT_THAT(r.body, Not(HasSubstr("secret-material")));
  EXPECT_EQ(r.header("X-Content-Type-Options").value_or(""), "nosniff");  // the middleware still ran
}

class TokenRouteFailure : public TokenServer {
 protected:
  void configure(config::Config& c) override { c.oauth.password_grant = true; }
  std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) override {
    return std::make_unique<FailingHasher>(policy);
  }
};

TEST_F(TokenRouteFailure, TokenEndpointFailureIsAnOAuthServerErrorThatIsNotCached) {
  auto web = store_->clients().find("web");
  ASSERT_TRUE(web);
  web->grant_types.push_back("password");
  ASSERT_TRUE(store_->clients().update(*web));
  const auto r =
      as_web("/auth/token",
             {{"grant_type", "password"}, {"username", "alice"}, {"password", kUserPassword}, {"scope", "openid"}});
  EXPECT_EQ(r.status, 500);
  const auto body = json_of(r);
  EXPECT_EQ(str(body, "error"), "server_error");
  EXPECT_THAT(str(body, "error_description"), HasSubstr(r.header("X-Request-ID").value_or("?")));
  EXPECT_THAT(r.body, Not(HasSubstr("secret-material")));
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
}

}  // namespace
}  // namespace authly::test
