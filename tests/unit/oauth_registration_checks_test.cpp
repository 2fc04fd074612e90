// Registration-time rules for redirect URIs (OAuth 2.1 §2.3.1, RFC 9700 §2.1, RFC 8252 §7) and
// scope syntax (RFC 6749 §3.3).
#include <gtest/gtest.h>

#include "oauth/checks/registered_redirect_uri.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::oauth {
namespace {

bool ok(std::string_view uri, ClientKind kind = ClientKind::confidential) {
  return !check_registered_redirect_uri(uri, kind).has_value();
}

TEST(RegisteredRedirectUri, AcceptsHttpsAnywhere) {
  EXPECT_TRUE(ok("https://app.example.com/callback"));
  EXPECT_TRUE(ok("https://app.example.com:8443/cb?tenant=a"));
}

TEST(RegisteredRedirectUri, RejectsFragment) { EXPECT_FALSE(ok("https://app.example.com/cb#x")); }

TEST(RegisteredRedirectUri, RejectsRelativeUri) {
  EXPECT_FALSE(ok("/callback"));
  EXPECT_FALSE(ok("app.example.com/callback"));
  EXPECT_FALSE(ok(""));
}

TEST(RegisteredRedirectUri, RejectsDangerousSchemes) {
  for (auto uri :
       {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"})
    EXPECT_FALSE(ok(uri, ClientKind::public_)) << uri;
}

TEST(RegisteredRedirectUri, HttpOnlyOnLoopback) {
  EXPECT_TRUE(ok("http://127.0.0.1/cb"));
  EXPECT_TRUE(ok("http://127.0.0.1:8080/cb"));
  EXPECT_TRUE(ok("http://[::1]:9000/cb"));
  EXPECT_TRUE(ok("http://localhost:3000/cb"));
  EXPECT_FALSE(ok("http://app.example.com/cb"));
  EXPECT_FALSE(ok("http://127.0.0.1.evil.example/cb"));
  EXPECT_FALSE(ok("http://10.0.0.1/cb"));
}

TEST(RegisteredRedirectUri, PrivateUseSchemesOnlyForPublicClients) {
  EXPECT_TRUE(ok("com.example.app:/oauth2redirect", ClientKind::public_));
  EXPECT_FALSE(ok("com.example.app:/oauth2redirect", ClientKind::confidential));
}

TEST(RegisteredRedirectUri, RejectsUserInfo) { EXPECT_FALSE(ok("https://user:pass@app.example.com/cb")); }

TEST(ScopeSyntax, AcceptsRfc6749Tokens) {
  std::vector<std::string> out;
  ASSERT_TRUE(parse_scope("openid profile billing:read", out));
  EXPECT_EQ(out, (std::vector<std::string>{"openid", "profile", "billing:read"}));
  EXPECT_EQ(join_scope(out), "openid profile billing:read");
}

TEST(ScopeSyntax, RejectsForbiddenCharactersAndEmptyTokens) {
  std::vector<std::string> out;
  EXPECT_FALSE(parse_scope("a\"b", out));
  EXPECT_FALSE(parse_scope("a\\b", out));
  EXPECT_FALSE(parse_scope("a  b", out));
  EXPECT_FALSE(parse_scope(" a", out));
  EXPECT_FALSE(parse_scope("a\tb", out));
  EXPECT_FALSE(parse_scope("caf\xc3\xa9", out));
}

TEST(ScopeSyntax, RemovesDuplicatesKeepingOrder) {
  std::vector<std::string> out;
  ASSERT_TRUE(parse_scope("b a b", out));
  EXPECT_EQ(out, (std::vector<std::string>{"b", "a"}));
}

}  // namespace
}  // namespace authly::oauth
