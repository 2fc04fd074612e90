// Scope lists in linear time with a token cap (RFC 6749 §3.3; docs/security.md, "Request limits"):
// parse_scope de-duplicates with a hash set and refuses more than kMaxScopeTokens tokens, and the
// checks that compare scope lists (authorize, token requests, registration) use hashing too.
#include <gtest/gtest.h>

#include "oauth/authorize/authorize_request.hpp"
#include "oauth/grants/requested_scope.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::oauth {
namespace {

std::string tokens(std::size_t n, std::string_view prefix = "s") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.append(i ? " " : "").append(prefix).append(std::to_string(i));
  return out;
}

TEST(ScopeLimits, AcceptsExactlyTheTokenCap) {
  std::vector<std::string> out;
  EXPECT_EQ(parse_scope_list(tokens(kMaxScopeTokens), out), ScopeSyntax::ok);
  EXPECT_EQ(out.size(), kMaxScopeTokens);
}

TEST(ScopeLimits, RefusesOneTokenOverTheCap) {
  std::vector<std::string> out;
  EXPECT_EQ(parse_scope_list(tokens(kMaxScopeTokens + 1), out), ScopeSyntax::too_many_tokens);
  EXPECT_FALSE(parse_scope(tokens(kMaxScopeTokens + 1), out));
}

TEST(ScopeLimits, RepeatedTokensCountTowardsTheCap) {
  std::string scope;
  for (std::size_t i = 0; i <= kMaxScopeTokens; ++i) scope += i ? " openid" : "openid";
  std::vector<std::string> out;
  EXPECT_EQ(parse_scope_list(scope, out), ScopeSyntax::too_many_tokens);
}

TEST(ScopeLimits, DeduplicatesKeepingFirstOccurrenceOrder) {
  std::vector<std::string> out;
  ASSERT_EQ(parse_scope_list("c a c b a", out), ScopeSyntax::ok);
  EXPECT_EQ(out, (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(parse_scope_list("a  b", out), ScopeSyntax::malformed);
}

TEST(ScopeLimits, ScopeSetSplitsAStoredList) {
  const auto set = scope_set("openid profile  email");
  EXPECT_TRUE(set.contains("openid"));
  EXPECT_TRUE(set.contains("email"));
  EXPECT_FALSE(set.contains(""));
  EXPECT_EQ(set.size(), 3u);
}

TEST(ScopeLimits, TokenRequestOverTheCapIsInvalidScope) {
  auto r = narrow_scope(tokens(kMaxScopeTokens + 1), tokens(kMaxScopeTokens + 1), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_scope);
  auto at_cap = narrow_scope(tokens(kMaxScopeTokens), tokens(kMaxScopeTokens), "");
  ASSERT_TRUE(at_cap.ok()) << at_cap.error().description;
  EXPECT_EQ(*at_cap, tokens(kMaxScopeTokens));
}

TEST(ScopeLimits, AuthorizeOverTheCapIsInvalidScope) {
  store::Client client;
  client.id = "app";
  client.redirect_uris = {"https://app.example/cb"};
  client.grant_types = {"authorization_code"};
  client.scope = tokens(kMaxScopeTokens + 1);
  auto run = [&](const std::string& scope) {
    authorize::Params p{{"response_type", "code"},
                        {"client_id", "app"},
                        {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
                        {"code_challenge_method", "S256"},
                        {"scope", scope}};
    return authorize::validate_authorization_request(p, [&](const std::string&) { return client; });
  };
  EXPECT_TRUE(run(tokens(kMaxScopeTokens)).ok());
  auto r = run(tokens(kMaxScopeTokens + 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_scope);
  EXPECT_TRUE(r.error().error.redirectable);
}

}  // namespace
}  // namespace authly::oauth
