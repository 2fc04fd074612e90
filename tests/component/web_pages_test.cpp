// The embedded page templates: every page renders a whole document, values are HTML-escaped, and
// the one inline script matches the CSP hash sent with it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "web/pages.hpp"

namespace authly::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void expect_document(const std::string& html) {
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u) << html;
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<link rel=\"stylesheet\" href=\"/static/authly.css\">"));
  EXPECT_THAT(html, HasSubstr("</html>"));
}

TEST(WebPages, EveryPageIsACompleteDocument) {
  expect_document(login_page({"App", "i", "c", "", ""}));
  expect_document(consent_page({"App", "alice", "i", "c", {{"openid", "Sign you in"}}}));
  expect_document(error_page({"Oops", "message", "invalid_request", "req-1"}));
  expect_document(form_post_page({"https://app.example/cb", {{"code", "x"}}}));
  expect_document(logged_out_page());
}

TEST(WebPages, ValuesAreHtmlEscaped) {
  auto html = error_page({"T", "<b onclick='x'>&", "", ""});
  EXPECT_THAT(html, HasSubstr("&lt;b onclick=&apos;x&apos;&gt;&amp;"));
  EXPECT_THAT(html, Not(HasSubstr("<b onclick")));
  auto login = login_page({"<App>", "i\"", "c", "\"><script>", ""});
  EXPECT_THAT(login, Not(HasSubstr("<script>")));
  EXPECT_THAT(login, HasSubstr("&lt;App&gt;"));
}

TEST(WebPages, LoginFormIsAccessible) {
  auto html = login_page({"App", "iid", "tok", "alice", "The username or password is incorrect."});
  EXPECT_THAT(html, HasSubstr("<label for=\"username\">"));
  EXPECT_THAT(html, HasSubstr("<label for=\"password\">"));
  EXPECT_THAT(html, HasSubstr("autocomplete=\"username\""));
  EXPECT_THAT(html, HasSubstr("autocomplete=\"current-password\""));
  EXPECT_THAT(html, HasSubstr("role=\"alert\""));
  EXPECT_THAT(html, HasSubstr("name=\"interaction\" value=\"iid\""));
  EXPECT_THAT(html, HasSubstr("name=\"csrf\" value=\"tok\""));
  EXPECT_THAT(html, HasSubstr("value=\"alice\""));
  EXPECT_THAT(login_page({"App", "i", "c", "", ""}), Not(HasSubstr("role=\"alert\"")));
}

TEST(WebPages, ConsentListsScopesWithDescriptions) {
  auto html = consent_page({"App", "alice", "i", "c", {{"openid", "Sign you in"}, {"email", ""}}});
  EXPECT_THAT(html, HasSubstr("openid"));
  EXPECT_THAT(html, HasSubstr("Sign you in"));
  EXPECT_THAT(html, HasSubstr("email"));
  EXPECT_THAT(consent_page({"App", "alice", "i", "c", {}}), HasSubstr("no specific permissions"));
}

TEST(WebPages, FormPostScriptMatchesItsCspHash) {
  auto html = form_post_page({"https://app.example/cb", {{"code", "abc"}, {"state", "s&t"}}});
  EXPECT_THAT(html, HasSubstr("<form method=\"post\" action=\"https://app.example/cb\""));
  EXPECT_THAT(html, HasSubstr("name=\"state\" value=\"s&amp;t\""));
  EXPECT_THAT(html, HasSubstr("<noscript>"));
  EXPECT_THAT(html, HasSubstr("<script>" + std::string(form_post_script()) + "</script>"));
  EXPECT_EQ(form_post_script_hash_source(), "'sha256-" + core::base64_encode(crypto::sha256(form_post_script())) + "'");
}

TEST(WebPages, StylesheetIsEmbedded) { EXPECT_THAT(std::string(stylesheet()), HasSubstr(".card")); }

}  // namespace
}  // namespace authly::web
