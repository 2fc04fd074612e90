// POST /auth/token and /auth/refresh over HTTP: request syntax, client authentication, the
// authorization_code and refresh_token grants.
#include "token_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;

TEST_F(TokenServer, CodeExchangeIssuesAccessAndRefreshToken) {
  auto r = exchange(add_code("web"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(r.header("Pragma").value_or(""), "no-cache");
  auto o = json_of(r);
  EXPECT_EQ(str(o, "token_type"), "Bearer");
  EXPECT_EQ(o.at("expires_in").as_int64(), config_.oauth.access_token_ttl_s);
  EXPECT_EQ(str(o, "scope"), "openid profile");
  EXPECT_EQ(str(o, "refresh_token").size(), 43u);
  auto claims =
      oauth::verify_access_token(str(o, "access_token"), *keys_->published(), kIssuer, clock_.now(), store_->tokens());
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->subject, alice_id_);
  EXPECT_EQ(claims->client_id, "web");
  auto stored = store_->tokens().find_refresh(crypto::sha256_hex(str(o, "refresh_token")));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->session_id, "session-hash");
  EXPECT_EQ(stored->idle_expires_at, clock_.now() + std::chrono::seconds(config_.oauth.refresh_token_idle_ttl_s));
}

TEST_F(TokenServer, ClientWithoutRefreshGrantGetsNoRefreshToken) {
  const auto secret = add_client("norefresh", "confidential", {"authorization_code"}, "client_secret_basic");
  auto r = post("/auth/token",
                {{"grant_type", "authorization_code"},
                 {"code", add_code("norefresh")},
                 {"redirect_uri", "https://app.example/cb"},
                 {"code_verifier", kVerifier}},
                {{"Authorization", basic("norefresh", secret)}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(json_of(r).contains("refresh_token"));
}

TEST_F(TokenServer, PublicClientExchangesWithClientIdOnly) {
  auto r = token({{"grant_type", "authorization_code"},
                  {"client_id", "spa"},
                  {"code", add_code("spa")},
                  {"redirect_uri", "https://app.example/cb"},
                  {"code_verifier", kVerifier}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(TokenServer, ClientSecretMayBeSentInTheBody) {
  auto r = token({{"grant_type", "authorization_code"},
                  {"client_id", "web"},
                  {"client_secret", web_secret_},
                  {"code", add_code("web")},
                  {"redirect_uri", "https://app.example/cb"},
                  {"code_verifier", kVerifier}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(TokenServer, WrongSecretOverBasicIs401WithChallenge) {
  auto r = post("/auth/token", {{"grant_type", "authorization_code"}, {"code", add_code("web")}},
                {{"Authorization", basic("web", "not-the-secret")}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_client");
  EXPECT_THAT(r.header("WWW-Authenticate").value_or(""), HasSubstr("Basic"));
}

TEST_F(TokenServer, WrongSecretInBodyIs401WithoutBasicChallenge) {
  auto r = token({{"grant_type", "client_credentials"}, {"client_id", "service"}, {"client_secret", "nope"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_client");
  EXPECT_FALSE(r.header("WWW-Authenticate"));
}

TEST_F(TokenServer, UnknownAndInactiveClientsAreInvalidClient) {
  EXPECT_EQ(
      post("/auth/token", {{"grant_type", "client_credentials"}}, {{"Authorization", basic("ghost", "x")}}).status,
      401);
  auto client = store_->clients().find("service");
  client->is_active = false;
  ASSERT_TRUE(store_->clients().update(*client));
  auto r = post("/auth/token", {{"grant_type", "client_credentials"}},
                {{"Authorization", basic("service", service_secret_)}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_client");
}

TEST_F(TokenServer, ConfidentialClientWithoutCredentialsIsInvalidClient) {
  auto r = token({{"grant_type", "client_credentials"}, {"client_id", "service"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_of(r), "invalid_client");
}

TEST_F(TokenServer, PublicClientPresentingASecretIsInvalidClient) {
  auto r = token({{"grant_type", "authorization_code"},
                  {"client_id", "spa"},
                  {"client_secret", "x"},
                  {"code", add_code("spa")},
                  {"code_verifier", kVerifier}});
  EXPECT_EQ(r.status, 401);
}

TEST_F(TokenServer, TwoAuthenticationMethodsAreInvalidRequest) {
  auto r = post("/auth/token",
                {{"grant_type", "client_credentials"}, {"client_id", "service"}, {"client_secret", service_secret_}},
                {{"Authorization", basic("service", service_secret_)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r), "invalid_request");
}

TEST_F(TokenServer, RepeatedParameterIsInvalidRequest) {
  auto r = post("/auth/token", {{"grant_type", "client_credentials"}, {"scope", "openid"}, {"scope", "email"}},
                {{"Authorization", basic("service", service_secret_)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r), "invalid_request");
}

TEST_F(TokenServer, NonFormBodyIsInvalidRequest) {
  auto r = request(server_->port(), "POST", "/auth/token",
                   {{"Content-Type", "application/json"}, {"Authorization", basic("service", service_secret_)}},
                   R"({"grant_type":"client_credentials"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_of(r), "invalid_request");
}

TEST_F(TokenServer, FormContentTypeWithCharsetIsAccepted) {
  auto r = request(server_->port(), "POST", "/auth/token",
                   {{"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"},
                    {"Authorization", basic("service", service_secret_)}},
                   "grant_type=client_credentials");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(TokenServer, GetIsNotAllowed) { EXPECT_EQ(get(server_->port(), "/auth/token").status, 405); }

TEST_F(TokenServer, MissingGrantTypeIsInvalidRequestAndUnknownIsUnsupported) {
  HeaderList auth{{"Authorization", basic("service", service_secret_)}};
  EXPECT_EQ(error_of(post("/auth/token", {{"scope", "openid"}}, auth)), "invalid_request");
  EXPECT_EQ(error_of(post("/auth/token", {{"grant_type", "implicit"}}, auth)), "unsupported_grant_type");
}

TEST_F(TokenServer, CodeReplayRevokesIssuedTokens) {
  const auto code = add_code("web");
  auto first = json_of(exchange(code));
  const auto access = str(first, "access_token");
  const auto refresh = str(first, "refresh_token");
  ASSERT_TRUE(active(access));
  ASSERT_TRUE(active(refresh));

  auto replay = exchange(code);
  EXPECT_EQ(replay.status, 400);
  EXPECT_EQ(error_of(replay), "invalid_grant");
  EXPECT_FALSE(active(access));
  EXPECT_FALSE(active(refresh));
  EXPECT_EQ(error_of(as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", refresh}})),
            "invalid_grant");
}

TEST_F(TokenServer, CodeRulesAreInvalidGrant) {
  // Wrong verifier, missing verifier, wrong redirect_uri, another client's code, expired code.
  auto with = [&](const std::string& code, const std::string& redirect, const std::string& verifier) {
    Fields f{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect}};
    if (!verifier.empty()) f.emplace_back("code_verifier", verifier);
    return error_of(as_web("/auth/token", f));
  };
  EXPECT_EQ(with(add_code("web"), "https://app.example/cb", std::string(43, 'a')), "invalid_grant");
  EXPECT_EQ(with(add_code("web"), "https://app.example/cb", ""), "invalid_grant");
  EXPECT_EQ(with(add_code("web"), "https://app.example/other", kVerifier), "invalid_grant");
  EXPECT_EQ(with(add_code("other"), "https://app.example/cb", kVerifier), "invalid_grant");
  EXPECT_EQ(with(add_code("web", ""), "https://app.example/cb", kVerifier), "invalid_grant");  // no challenge
  const auto code = add_code("web");
  clock_.advance(std::chrono::seconds(61));
  EXPECT_EQ(with(code, "https://app.example/cb", kVerifier), "invalid_grant");
}

TEST_F(TokenServer, RefreshRotatesAndReuseRevokesFamily) {
  auto first = json_of(exchange(add_code("web")));
  const auto r1 = str(first, "refresh_token");
  clock_.advance(std::chrono::seconds(100));
  auto second = as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r1}});
  ASSERT_EQ(second.status, 200) << second.body;
  const auto r2 = str(json_of(second), "refresh_token");
  const auto a2 = str(json_of(second), "access_token");
  ASSERT_NE(r1, r2);
  auto row1 = store_->tokens().find_refresh(crypto::sha256_hex(r1));
  auto row2 = store_->tokens().find_refresh(crypto::sha256_hex(r2));
  ASSERT_TRUE(row1 && row2);
  EXPECT_EQ(row2->family_id, row1->family_id);
  EXPECT_EQ(row2->expires_at, row1->expires_at);  // absolute expiry kept
  EXPECT_EQ(row2->idle_expires_at, clock_.now() + std::chrono::seconds(config_.oauth.refresh_token_idle_ttl_s));

  auto reuse = as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r1}});
  EXPECT_EQ(error_of(reuse), "invalid_grant");
  EXPECT_FALSE(active(r2));
  EXPECT_FALSE(active(a2));
  EXPECT_EQ(error_of(as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r2}})), "invalid_grant");
}

TEST_F(TokenServer, RefreshScopeMayOnlyNarrow) {
  const auto r1 = str(json_of(exchange(add_code("web"))), "refresh_token");
  auto wider =
      as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r1}, {"scope", "openid email"}});
  EXPECT_EQ(error_of(wider), "invalid_scope");
  auto narrower = as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r1}, {"scope", "openid"}});
  ASSERT_EQ(narrower.status, 200) << narrower.body;
  EXPECT_EQ(str(json_of(narrower), "scope"), "openid");
}

TEST_F(TokenServer, RefreshTokenOfAnotherClientIsInvalidGrantAndUntouched) {
  const auto r1 = str(json_of(exchange(add_code("web"))), "refresh_token");
  auto r = token({{"grant_type", "refresh_token"},
                  {"refresh_token", r1},
                  {"client_id", "other"},
                  {"client_secret", other_secret_}});
  EXPECT_EQ(error_of(r), "invalid_grant");
  EXPECT_TRUE(active(r1));
}

TEST_F(TokenServer, ExpiredRefreshTokenIsInvalidGrant) {
  const auto r1 = str(json_of(exchange(add_code("web"))), "refresh_token");
  clock_.advance(std::chrono::seconds(config_.oauth.refresh_token_idle_ttl_s + 1));
  EXPECT_EQ(error_of(as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", r1}})), "invalid_grant");
}

TEST_F(TokenServer, RefreshEndpointServesOnlyTheRefreshGrant) {
  const auto r1 = str(json_of(exchange(add_code("web"))), "refresh_token");
  EXPECT_EQ(as_web("/auth/refresh", {{"grant_type", "refresh_token"}, {"refresh_token", r1}}).status, 200);
  auto cc = post("/auth/refresh", {{"grant_type", "client_credentials"}},
                 {{"Authorization", basic("service", service_secret_)}});
  EXPECT_EQ(error_of(cc), "unsupported_grant_type");
}

}  // namespace
}  // namespace authly::test
