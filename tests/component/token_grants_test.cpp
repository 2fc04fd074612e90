// client_credentials, password and private_key_jwt over HTTP, and revocation / introspection
// semantics (RFC 7009, RFC 7662).
#include <boost/json/serialize.hpp>

#include "crypto/ids.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

HeaderList service_auth(const std::string& secret) { return {{"Authorization", basic("service", secret)}}; }

TEST_F(TokenServer, ClientCredentialsIssuesAccessTokenOnly) {
  auto r =
      post("/auth/token", {{"grant_type", "client_credentials"}, {"scope", "profile"}}, service_auth(service_secret_));
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = json_of(r);
  EXPECT_FALSE(o.contains("refresh_token"));
  EXPECT_EQ(str(o, "scope"), "profile");
  auto claims =
      oauth::verify_access_token(str(o, "access_token"), *keys_->published(), kIssuer, clock_.now(), store_->tokens());
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->subject, "service");
  // No scope asked: the client's registered scopes.
  auto all = post("/auth/token", {{"grant_type", "client_credentials"}}, service_auth(service_secret_));
  EXPECT_EQ(str(json_of(all), "scope"), "openid profile email offline_access");
}

TEST_F(TokenServer, ClientCredentialsScopeBeyondClientIsInvalidScope) {
  auto r = post("/auth/token", {{"grant_type", "client_credentials"}, {"scope", "authly:admin:write"}},
                service_auth(service_secret_));
  EXPECT_EQ(error_of(r), "invalid_scope");
}

TEST_F(TokenServer, ClientCredentialsRefusedForPublicAndUnregisteredClients) {
  EXPECT_EQ(error_of(token({{"grant_type", "client_credentials"}, {"client_id", "spa"}})), "unauthorized_client");
  EXPECT_EQ(error_of(post("/auth/token", {{"grant_type", "client_credentials"}},
                          {{"Authorization", basic("web", web_secret_)}})),
            "unauthorized_client");
}

TEST_F(TokenServer, PasswordGrantDisabledServerWideIsUnsupported) {
  add_client("legacy", "public", {"password"}, "none");
  auto r =
      token({{"grant_type", "password"}, {"client_id", "legacy"}, {"username", "alice"}, {"password", kUserPassword}});
  EXPECT_EQ(error_of(r), "unsupported_grant_type");
}

class PasswordServer : public TokenServer {
 protected:
  void configure(config::Config& c) override { c.oauth.password_grant = true; }
};

TEST_F(PasswordServer, IssuesTokensForRegisteredClient) {
  const auto secret = add_client("legacy", "confidential", {"password", "refresh_token"}, "client_secret_basic");
  auto r = post("/auth/token",
                {{"grant_type", "password"}, {"username", "alice"}, {"password", kUserPassword}, {"scope", "openid"}},
                {{"Authorization", basic("legacy", secret)}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(json_of(r), "scope"), "openid");
  EXPECT_FALSE(str(json_of(r), "refresh_token").empty());
}

TEST_F(PasswordServer, ClientWithoutTheGrantIsUnauthorizedClient) {
  auto r = post("/auth/token", {{"grant_type", "password"}, {"username", "alice"}, {"password", kUserPassword}},
                {{"Authorization", basic("web", web_secret_)}});
  EXPECT_EQ(error_of(r), "unauthorized_client");
}

TEST_F(PasswordServer, LockoutRefusesEvenTheRightPassword) {
  const auto secret = add_client("legacy", "confidential", {"password"}, "client_secret_basic");
  HeaderList auth{{"Authorization", basic("legacy", secret)}};
  for (int i = 0; i < config_.login.max_failures; ++i)
    EXPECT_EQ(
        error_of(post("/auth/token", {{"grant_type", "password"}, {"username", "alice"}, {"password", "wrong"}}, auth)),
        "invalid_grant");
  auto r = post("/auth/token", {{"grant_type", "password"}, {"username", "alice"}, {"password", kUserPassword}}, auth);
  EXPECT_EQ(error_of(r), "invalid_grant");
  EXPECT_EQ(str(json_of(r), "error_description"), "invalid username or password");
}

// private_key_jwt: a client key pair whose public half is registered as `jwks`.
class JwtClientServer : public TokenServer {
 protected:
  void SetUp() override {
    TokenServer::SetUp();
    client_key_ = std::make_unique<jose::SigningKey>(jose::SigningKey::generate(jose::Algorithm::ES256));
    add_client("jwtclient", "confidential", {"client_credentials"}, "private_key_jwt",
               jose::JwkSet(std::vector<jose::Jwk>{client_key_->public_jwk()}).serialize());
  }
  std::string assertion(const std::string& aud, std::int64_t exp_in, const std::string& jti) {
    boost::json::object c{{"iss", "jwtclient"},
                          {"sub", "jwtclient"},
                          {"aud", aud},
                          {"exp", core::to_unix(clock_.now()) + exp_in},
                          {"iat", core::to_unix(clock_.now())},
                          {"jti", jti}};
    return jose::sign(*client_key_, boost::json::serialize(c));
  }
  HttpResponse with_assertion(const std::string& jwt) {
    return token({{"grant_type", "client_credentials"},
                  {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                  {"client_assertion", jwt}});
  }
  std::unique_ptr<jose::SigningKey> client_key_;
};

TEST_F(JwtClientServer, ValidAssertionAuthenticates) {
  auto r = with_assertion(assertion(kIssuer + "/auth/token", 120, "j1"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(with_assertion(assertion(kIssuer, 120, "j2")).status, 200);  // the issuer is an accepted audience
}

TEST_F(JwtClientServer, ReplayedJtiIsInvalidClient) {
  const auto jwt = assertion(kIssuer + "/auth/token", 120, "once");
  ASSERT_EQ(with_assertion(jwt).status, 200);
  auto again = with_assertion(jwt);
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(error_of(again), "invalid_client");
}

TEST_F(JwtClientServer, WrongAudienceExpiredAndOverlongAreInvalidClient) {
  EXPECT_EQ(with_assertion(assertion("https://elsewhere.example/token", 120, "a")).status, 401);
  EXPECT_EQ(with_assertion(assertion(kIssuer + "/auth/token", -5, "b")).status, 401);
  EXPECT_EQ(with_assertion(assertion(kIssuer + "/auth/token", 3600, "c")).status, 401);
}

TEST_F(JwtClientServer, ForeignKeyAndSecretAreRefused) {
  auto other = jose::SigningKey::generate(jose::Algorithm::ES256);
  boost::json::object c{{"iss", "jwtclient"},
                        {"sub", "jwtclient"},
                        {"aud", kIssuer},
                        {"exp", core::to_unix(clock_.now()) + 60},
                        {"jti", "x"}};
  EXPECT_EQ(with_assertion(jose::sign(other, boost::json::serialize(c))).status, 401);
  // A private_key_jwt client authenticates only by assertion.
  EXPECT_EQ(token({{"grant_type", "client_credentials"}, {"client_id", "jwtclient"}, {"client_secret", "x"}}).status,
            401);
  EXPECT_EQ(token({{"grant_type", "client_credentials"}, {"client_id", "jwtclient"}}).status, 401);
}

TEST_F(TokenServer, RevokingRefreshTokenRevokesItsFamily) {
  auto o = json_of(exchange(add_code("web")));
  auto r = as_web("/auth/revoke", {{"token", str(o, "refresh_token")}, {"token_type_hint", "refresh_token"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_FALSE(active(str(o, "refresh_token")));
  EXPECT_FALSE(active(str(o, "access_token")));
}

TEST_F(TokenServer, RevokingAccessTokenDeniesItWhateverTheHint) {
  auto o = json_of(exchange(add_code("web")));
  EXPECT_EQ(as_web("/auth/revoke", {{"token", str(o, "access_token")}, {"token_type_hint", "refresh_token"}}).status,
            200);
  EXPECT_FALSE(active(str(o, "access_token")));
  EXPECT_TRUE(active(str(o, "refresh_token")));
}

TEST_F(TokenServer, ForeignAndUnknownTokensAreNotRevoked) {
  auto o = json_of(exchange(add_code("web")));
  Fields f{{"client_id", "other"}, {"client_secret", other_secret_}};
  for (const auto& t : {str(o, "refresh_token"), str(o, "access_token"), std::string("garbage")}) {
    auto fields = f;
    fields.emplace_back("token", t);
    fields.emplace_back("token_type_hint", "something_else");
    EXPECT_EQ(post("/auth/revoke", fields).status, 200);
  }
  EXPECT_TRUE(active(str(o, "refresh_token")));
  EXPECT_TRUE(active(str(o, "access_token")));
}

TEST_F(TokenServer, RevocationRequiresClientAuthentication) {
  auto r = post("/auth/revoke", {{"token", "x"}}, {{"Authorization", basic("web", "wrong")}});
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(r.header("WWW-Authenticate"));
  EXPECT_EQ(post("/auth/revoke", {{"client_id", "spa"}, {"token", "x"}}).status, 200);  // public clients may revoke
}

TEST_F(TokenServer, IntrospectionDescribesActiveTokens) {
  auto o = json_of(exchange(add_code("web")));
  auto at = json_of(as_web("/auth/introspect", {{"token", str(o, "access_token")}}));
  EXPECT_TRUE(at.at("active").as_bool());
  EXPECT_EQ(str(at, "sub"), alice_id_);
  EXPECT_EQ(str(at, "client_id"), "web");
  EXPECT_EQ(str(at, "iss"), kIssuer);
  EXPECT_EQ(str(at, "scope"), "openid profile");
  EXPECT_FALSE(str(at, "jti").empty());
  auto rt = json_of(as_web("/auth/introspect", {{"token", str(o, "refresh_token")}}));
  EXPECT_TRUE(rt.at("active").as_bool());
  EXPECT_EQ(str(rt, "token_type"), "refresh_token");
}

TEST_F(TokenServer, IntrospectionHidesForeignExpiredAndMalformedTokens) {
  auto o = json_of(exchange(add_code("web")));
  auto as_other = post("/auth/introspect",
                       {{"client_id", "other"}, {"client_secret", other_secret_}, {"token", str(o, "refresh_token")}});
  EXPECT_EQ(as_other.status, 200);
  EXPECT_EQ(as_other.body, R"({"active":false})");
  EXPECT_EQ(as_other.header("Cache-Control").value_or(""), "no-store");
  EXPECT_FALSE(active("not-a-token"));
  // A token signed by a key we never published.
  const jose::SigningKey stranger = jose::SigningKey::generate(jose::Algorithm::ES256);
  oauth::AccessTokenClaims c{kIssuer,      alice_id_, "web",        {kIssuer},
                             "openid",     "j",       clock_.now(), clock_.now() + std::chrono::seconds(60),
                             std::nullopt, {}};
  EXPECT_FALSE(active(oauth::issue_access_token(stranger, c)));
  clock_.advance(std::chrono::seconds(config_.oauth.access_token_ttl_s));
  EXPECT_FALSE(active(str(o, "access_token")));
}

TEST_F(TokenServer, IntrospectionRefusesPublicAndUnauthenticatedCallers) {
  EXPECT_EQ(post("/auth/introspect", {{"client_id", "spa"}, {"token", "x"}}).status, 401);
  EXPECT_EQ(post("/auth/introspect", {{"token", "x"}}).status, 401);
}

}  // namespace
}  // namespace authly::test
