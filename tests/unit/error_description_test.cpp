// RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E. Descriptions are
// fixed texts (request input goes to the log-only detail), and the serialisers replace anything
// outside that set as a last line of defence.
#include "oauth/error_description.hpp"

#include <gtest/gtest.h>

#include "oauth/authorize/authorization_response.hpp"
#include "oauth/authorize/authorize_request.hpp"
#include "oauth/client_metadata.hpp"

namespace authly::oauth {
namespace {

constexpr std::string_view kRlo = "\xe2\x80\xae";  // U+202E RIGHT-TO-LEFT OVERRIDE

bool in_rfc6749_set(std::string_view s) {
  for (unsigned char c : s)
    if (!(c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e))) return false;
  return true;
}

TEST(ErrorDescription, KeepsEveryAllowedCharacter) {
  std::string allowed;
  for (char c = 0x20; c <= 0x7e; ++c)
    if (c != '"' && c != '\\') allowed += c;
  EXPECT_EQ(client_safe_description(allowed), allowed);
}

TEST(ErrorDescription, ReplacesEverythingOutsideTheRfc6749Set) {
  EXPECT_EQ(client_safe_description("a\nb\rc\td\x7f"
                                    "e\"f\\g"),
            "a?b?c?d?e?f?g");
  // One replacement per UTF-8 sequence; a stray byte is one too.
  EXPECT_EQ(client_safe_description("x\xe2\x80\xae"
                                    "y\xffz"),
            "x?y?z");
  EXPECT_EQ(client_safe_description(std::string("nul\0x", 5)), "nul?x");
  EXPECT_TRUE(in_rfc6749_set(client_safe_description("\xc3\xa9\xf0\x9f\x98\x80\x80\x80")));
}

TEST(ErrorDescription, AuthorizationErrorRedirectKeepsToTheSet) {
  auto r = authorize::error_response("https://app.example/cb", authorize::ResponseMode::query,
                                     OAuthError{ErrorCode::invalid_request, "bad\n\xe2\x80\xae\"x\"", {}, true}, "st",
                                     "https://id.example");
  ASSERT_GE(r.params.size(), 2u);
  EXPECT_EQ(r.params[1].first, "error_description");
  EXPECT_EQ(r.params[1].second, "bad???x?");
}

class FixedErrorTexts : public ::testing::Test {
 protected:
  authorize::Params base() const {
    return {{"response_type", "code"},
            {"client_id", "app"},
            {"redirect_uri", "https://app.example/cb"},
            {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
            {"code_challenge_method", "S256"},
            {"scope", "openid"},
            {"state", "st-1"}};
  }
  OAuthError refused(const authorize::Params& p) {
    store::Client client;
    client.id = "app";
    client.redirect_uris = {"https://app.example/cb"};
    client.grant_types = {"authorization_code"};
    client.scope = "openid profile";
    auto r = authorize::validate_authorization_request(p, [&](const std::string&) { return client; });
    EXPECT_FALSE(r.ok());
    return r.ok() ? OAuthError{} : r.error().error;
  }
  static void expect_not_echoed(const OAuthError& e, std::string_view input) {
    EXPECT_FALSE(e.description.empty());
    EXPECT_EQ(e.description.find(input), std::string::npos) << e.description;
    EXPECT_TRUE(in_rfc6749_set(e.description)) << e.description;
    EXPECT_NE(e.detail.find(input), std::string::npos) << "the input belongs in the log-only detail: " << e.detail;
  }
};

TEST_F(FixedErrorTexts, RepeatedAuthorizeParameterIsNotEchoed) {
  const std::string name =
      "x\xe2\x80\xae"
      "evil";
  auto p = base();
  p.emplace_back(name, "1");
  p.emplace_back(name, "2");
  auto e = refused(p);
  EXPECT_EQ(e.code, ErrorCode::invalid_request);
  expect_not_echoed(e, name);
}

TEST_F(FixedErrorTexts, UnsupportedPromptIsNotEchoed) {
  const std::string value =
      "login\xe2\x80\xae"
      "evil";
  auto p = base();
  p.emplace_back("prompt", value);
  auto e = refused(p);
  EXPECT_EQ(e.code, ErrorCode::invalid_request);
  expect_not_echoed(e, "evil");
}

TEST_F(FixedErrorTexts, DisallowedScopeIsNotEchoed) {
  auto p = base();
  p[5].second = "openid not-for-you";
  auto e = refused(p);
  EXPECT_EQ(e.code, ErrorCode::invalid_scope);
  expect_not_echoed(e, "not-for-you");
}

TEST_F(FixedErrorTexts, UnsupportedResponseTypeInMetadataIsNotEchoed) {
  auto r = parse_client_metadata(R"({"redirect_uris":["https://rp.example/cb"],"response_types":["tok\u202een"]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_client_metadata);
  expect_not_echoed(r.error(), "tok");
}

}  // namespace
}  // namespace authly::oauth
