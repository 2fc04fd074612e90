// Error texts never carry request input (RFC 6749 §5.2 error_description charset; docs/security.md):
// descriptions are fixed strings, the input goes to the log-only detail, the serialisers replace
// anything outside %x20-21 / %x23-5B / %x5D-7E, and pages neutralise bidi and control characters
// in the names they show.
#include <boost/json/parse.hpp>

#include "browser_harness.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/oauth_response.hpp"

namespace authly::test::browser {
namespace {

constexpr std::string_view kRlo = "\xe2\x80\xae";  // U+202E RIGHT-TO-LEFT OVERRIDE

bool in_rfc6749_set(std::string_view s) {
  for (unsigned char c : s)
    if (!(c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e))) return false;
  return true;
}

std::string description_of(const HttpResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error_description")) return "";
  return std::string(v.at("error_description").as_string());
}

class FixedErrorTexts : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.oauth.dynamic_registration = true; }
  HttpResponse register_client(const std::string& body) {
    return request(port(), "POST", "/oauth/clients", {{"Content-Type", "application/json"}}, body);
  }
  static void expect_fixed(const HttpResponse& r, std::string_view input) {
    EXPECT_EQ(r.status, 400) << r.body;
    const std::string d = description_of(r);
    EXPECT_FALSE(d.empty()) << r.body;
    EXPECT_EQ(d.find(input), std::string::npos) << d;
    EXPECT_TRUE(in_rfc6749_set(d)) << d;
  }
};

TEST_F(FixedErrorTexts, TokenRepeatedParameterIsNotEchoed) {
  auto r =
      post_token({{"grant_type", "client_credentials"}, {"evil\xe2\x80\xaename", "1"}, {"evil\xe2\x80\xaename", "2"}});
  expect_fixed(r, "evil");
  EXPECT_THAT(r.body, HasSubstr("invalid_request"));
}

TEST_F(FixedErrorTexts, RegistrationRedirectUriIsNotEchoed) {
  expect_fixed(register_client(R"({"redirect_uris":["https://rp.example/cb#frag\u202e"]})"), "rp.example");
}

TEST_F(FixedErrorTexts, RegistrationUnknownScopeIsNotEchoed) {
  expect_fixed(register_client(R"({"redirect_uris":["https://rp.example/cb"],"scope":"openid never-created"})"),
               "never-created");
}

TEST_F(FixedErrorTexts, RegistrationGrantTypeIsNotEchoed) {
  expect_fixed(register_client(R"({"redirect_uris":["https://rp.example/cb"],"grant_types":["authorization_code",)"
                               R"("urn:evil:grant"]})"),
               "urn:evil");
}

TEST_F(FixedErrorTexts, RegistrationAuthMethodIsNotEchoed) {
  expect_fixed(register_client(R"({"redirect_uris":["https://rp.example/cb"],)"
                               R"("token_endpoint_auth_method":"evil_method"})"),
               "evil_method");
}

TEST(OAuthErrorSerialiser, JsonAndChallengeKeepToTheRfc6749Set) {
  const std::string hostile = "bad\r\nX-Injected: 1 \"q\" \\ \xe2\x80\xae\xff";
  for (auto code : {oauth::ErrorCode::invalid_request, oauth::ErrorCode::invalid_token}) {
    auto r = endpoints::oauth_error_response(oauth::make_error(code, hostile));
    auto v = boost::json::parse(r.body);
    const std::string d(v.at("error_description").as_string());
    EXPECT_TRUE(in_rfc6749_set(d)) << d;
    EXPECT_EQ(d.substr(0, 3), "bad");
    if (code == oauth::ErrorCode::invalid_token) {
      const std::string challenge(r.headers.get("WWW-Authenticate").value_or(""));
      EXPECT_NE(challenge.find("error_description=\"" + d + "\""), std::string::npos) << challenge;
    }
  }
}

TEST_F(FixedErrorTexts, PagesNeutraliseBidiControlsInClientNames) {
  auto row = store_->clients().find("app");
  ASSERT_TRUE(row);
  row->name =
      "Evil\xe2\x80\xae"
      "elgooG\x1b[0m";
  ASSERT_TRUE(store_->clients().update(*row));
  Browser b(port());
  auto page = b.get(authorize_target());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("Evil"));
  EXPECT_EQ(page.body.find(kRlo), std::string::npos);
  EXPECT_EQ(page.body.find('\x1b'), std::string::npos);
}

TEST(ErrorPage, MessageBidiAndControlCharactersAreNeutralised) {
  auto r = endpoints::error_page(400, "No\xe2\x80\xae\x07 way", "invalid_request");
  EXPECT_NE(r.body.find("No"), std::string::npos);
  EXPECT_EQ(r.body.find(kRlo), std::string::npos);
  EXPECT_EQ(r.body.find('\x07'), std::string::npos);
}

}  // namespace
}  // namespace authly::test::browser
