// RFC 7662 §4: introspection answers only the token's own client, or a resource server the access
// token is meant for (its client_id in `aud`); every other caller learns {"active":false}.
#include "token_fixture.hpp"

namespace authly::test {
namespace {

class IntrospectionAccess : public TokenServer {
 protected:
  HttpResponse introspect_as_other(const std::string& token_value) {
    return post("/auth/introspect", {{"client_id", "other"}, {"client_secret", other_secret_}, {"token", token_value}});
  }
  // An access token for `web` with the given audience, signed with the
  // published key (as a resource-indicator grant would mint it).
  std::string access_token_for(std::vector<std::string> audience) {
    oauth::AccessTokenClaims c;
    c.issuer = kIssuer;
    c.subject = alice_id_;
    c.client_id = "web";
    c.audience = std::move(audience);
    c.scope = "openid profile";
    c.jti = core::random_token(rng_, 16);
    c.issued_at = clock_.now();
    c.expires_at = clock_.now() + std::chrono::seconds(60);
    return oauth::issue_access_token(*keys_->active(jose::Algorithm::ES256), c);
  }
};

TEST_F(IntrospectionAccess, AnotherClientsAccessTokenIsInactive) {
  auto o = json_of(exchange(add_code("web")));
  const auto at = str(o, "access_token");
  ASSERT_FALSE(at.empty());
  auto r = introspect_as_other(at);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"active":false})");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_TRUE(active(at));  // the token's own client still sees it
}

TEST_F(IntrospectionAccess, ResourceServerNamedInAudienceSeesTheToken) {
  const auto token = access_token_for({kIssuer, "other"});
  auto o = json_of(introspect_as_other(token));
  ASSERT_TRUE(o.contains("active"));
  EXPECT_TRUE(o.at("active").as_bool());
  EXPECT_EQ(str(o, "client_id"), "web");
  EXPECT_EQ(str(o, "sub"), alice_id_);
  // The same token without `other` in its audience is nobody's business but web's.
  EXPECT_EQ(introspect_as_other(access_token_for({kIssuer})).body, R"({"active":false})");
}

TEST_F(IntrospectionAccess, ClientCredentialsTokenIsInactiveForOtherClients) {
  auto o = json_of(post("/auth/token", {{"grant_type", "client_credentials"}},
                        {{"Authorization", basic("service", service_secret_)}}));
  const auto at = str(o, "access_token");
  ASSERT_FALSE(at.empty());
  EXPECT_EQ(introspect_as_other(at).body, R"({"active":false})");
  auto own = json_of(post("/auth/introspect", {{"token", at}}, {{"Authorization", basic("service", service_secret_)}}));
  ASSERT_TRUE(own.contains("active"));
  EXPECT_TRUE(own.at("active").as_bool());
}

}  // namespace
}  // namespace authly::test
