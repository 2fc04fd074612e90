// RFC 7662 introspection with verified claims cached per token: a second introspection reuses the
// verified claims, yet revocation (RFC 7009), the token's expiry, the user's active state and the
// access rule (RFC 7662 §4) take effect on the very next call.
#include <atomic>

#include "app/use_cases.hpp"
#include "endpoints/token_routes.hpp"
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
  const auto first =
      oauth::introspect_token(*store_, *keys_->published(), kIssuer, web, at, "", clock_.now(), pairwise_key(), &cache);
  ASSERT_TRUE(active_in(first)) << first;
  EXPECT_EQ(cache.size(), 1u);
  // With no key to verify against, only the cached verification can make the token active.
  const jose::JwkSet no_keys;
  const auto second =
      oauth::introspect_token(*store_, no_keys, kIssuer, web, at, "", clock_.now(), pairwise_key(), &cache);
  EXPECT_EQ(second, first);
  EXPECT_EQ(oauth::introspect_token(*store_, no_keys, kIssuer, web, at, "", clock_.now(), pairwise_key()),
            R"({"active":false})");
}

// The fixture's key set, except that its published keys can be withdrawn.
class WithdrawableKeys final : public oauth::SigningKeys {
 public:
  explicit WithdrawableKeys(oauth::SigningKeys& inner) : inner_(inner) {}
  std::atomic<bool> withdrawn{false};
  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm alg) override { return inner_.active(alg); }
  std::shared_ptr<const jose::JwkSet> published() override {
    return withdrawn ? std::make_shared<const jose::JwkSet>() : inner_.published();
  }
  std::string jwks_json() override { return published()->serialize(); }
  std::string jwks_etag() override { return inner_.jwks_etag(); }

 private:
  oauth::SigningKeys& inner_;
};

TEST_F(IntrospectionCache, IntrospectionEndpointKeepsTheCache) {
  const auto at = web_access_token();
  WithdrawableKeys keys(*keys_);
  endpoints::EndpointContext ctx{config_,
                                 clock_,
                                 rng_,
                                 keys,
                                 ctx_->limiter,
                                 ctx_->metrics,
                                 app::bind_use_cases({config_,
                                                      *store_,
                                                      rng_,
                                                      *hasher_,
                                                      keys,
                                                      ctx_->limiter,
                                                      backchannel(),
                                                      ctx_->use.clients,
                                                      pairwise_key(),
                                                      {}})};
  http::Router router;
  endpoints::register_token_routes(router, ctx);
  auto introspect = [&] {
    http::Request req;
    req.method = http::Method::post;
    req.target = req.path = "/auth/introspect";
    req.remote_address = "192.0.2.1";
    req.headers.set("Content-Type", "application/x-www-form-urlencoded");
    req.headers.set("Authorization", basic("web", web_secret_));
    req.body = http::encode_form({{"token", at}});
    return router.match(http::Method::post, "/auth/introspect").route->handler(req);
  };
  const auto first = introspect();
  ASSERT_EQ(first.status, 200);
  ASSERT_TRUE(active_in(first.body)) << first.body;
  keys.withdrawn = true;  // from here on, only a cached verification can find the token active
  EXPECT_EQ(introspect().body, first.body);
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
