// RFC 7662 introspection with verified claims cached per token: a second introspection reuses the
// verified claims, yet revocation (RFC 7009), the token's expiry, the user's active state and the
// access rule (RFC 7662 §4) take effect on the very next call.
#include "oauth/token_introspection.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

class IntrospectionCache : public TokenServer {
 protected:
  std::string web_access_token() {
    auto o = json_of(exchange(add_code("web")));
    return str(o, "access_token");
  }
  store::Client client(const std::string& id) { return *store_->clients().find(id); }
  bool active_in(const std::string& body) { return body.find(R"("active":true)") != std::string::npos; }
};

TEST_F(IntrospectionCache, SecondIntrospectionReusesTheVerifiedClaims) {
  const auto at = web_access_token();
  ASSERT_FALSE(at.empty());
  oauth::VerifiedTokenCache cache(16);
  const auto web = client("web");
  const auto first = oauth::introspect_token(*store_, *keys_.published(), kIssuer, web, at, "", clock_.now(),
                                             ctx_->pairwise_key, &cache);
  ASSERT_TRUE(active_in(first)) << first;
  EXPECT_EQ(cache.size(), 1u);
  // With no key to verify against, only the cached verification can make the token active.
  const jose::JwkSet no_keys;
  const auto second =
      oauth::introspect_token(*store_, no_keys, kIssuer, web, at, "", clock_.now(), ctx_->pairwise_key, &cache);
  EXPECT_EQ(second, first);
  EXPECT_EQ(oauth::introspect_token(*store_, no_keys, kIssuer, web, at, "", clock_.now(), ctx_->pairwise_key),
            R"({"active":false})");
}

TEST_F(IntrospectionCache, CachedTokenRevokedIsInactiveOnTheNextCall) {
  const auto at = web_access_token();
  ASSERT_TRUE(active(at));
  ASSERT_TRUE(active(at));  // now answered from the cache
  ASSERT_EQ(as_web("/auth/revoke", {{"token", at}}).status, 200);
  EXPECT_FALSE(active(at));
}

TEST_F(IntrospectionCache, CachedTokenPastItsExpiryIsInactive) {
  const auto at = web_access_token();
  ASSERT_TRUE(active(at));
  clock_.advance(std::chrono::seconds(config_.oauth.access_token_ttl_s));
  EXPECT_FALSE(active(at));
}

TEST_F(IntrospectionCache, CachedTokenOfADisabledUserIsInactive) {
  const auto at = web_access_token();
  ASSERT_TRUE(active(at));
  ASSERT_TRUE(store_->users().set_active(alice_id_, false, clock_.now()));
  EXPECT_FALSE(active(at));
}

TEST_F(IntrospectionCache, AccessRuleAppliesToCachedTokens) {
  const auto at = web_access_token();
  ASSERT_TRUE(active(at));  // cached after web's own call
  auto other = post("/auth/introspect", {{"client_id", "other"}, {"client_secret", other_secret_}, {"token", at}});
  EXPECT_EQ(other.body, R"({"active":false})");
}

}  // namespace
}  // namespace authly::test
