// CORS over HTTP, route by route (endpoints/cors.hpp): the token-side endpoints and UserInfo answer
// an allowed Origin by name (the origins of registered redirect URIs and http.cors_origins;
// introspection only confidential clients' origins), discovery and JWKS answer "*", and the pages a
// person uses never carry CORS headers, whatever the Origin.
#include "token_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kAppOrigin = "https://app.example";          // "web" (confidential) and "spa" (public)
const std::string kSpaOrigin = "https://spa.example:8443";     // only the public client "browser"
const std::string kConsoleOrigin = "https://console.example";  // http.cors_origins
const std::string kEvilOrigin = "https://evil.example";

class Cors : public TokenServer {
 protected:
  void configure(config::Config& c) override { c.http.cors_origins = {kConsoleOrigin}; }
  void SetUp() override {
    TokenServer::SetUp();
    register_public_client("browser", "https://spa.example:8443/callback");
  }

  // Through the running application's client registry, as the admin API and registration do.
  void register_public_client(const std::string& id, const std::string& redirect_uri) {
    services::NewClient c;
    c.client_id = id;
    c.name = "Browser app " + id;
    c.type = "public";
    c.redirect_uris = {redirect_uri};
    c.grant_types = {"authorization_code", "refresh_token"};
    c.scope = "openid profile";
    c.auth_method = "none";
    auto created = ctx_->use.clients.create(c, "test");
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  HttpResponse preflight(const std::string& path, const std::string& origin, const std::string& method = "POST") {
    return request(server_->port(), "OPTIONS", path,
                   {{"Origin", origin},
                    {"Access-Control-Request-Method", method},
                    {"Access-Control-Request-Headers", "content-type,dpop"}},
                   "");
  }
  HttpResponse post_from(const std::string& origin, const std::string& path, const Fields& fields,
                         HeaderList headers = {}) {
    headers.emplace_back("Origin", origin);
    return post(path, fields, std::move(headers));
  }
  HttpResponse redeem_as_spa(const std::string& origin) {
    return post_from(origin, "/auth/token",
                     {{"grant_type", "authorization_code"},
                      {"code", add_code("spa")},
                      {"redirect_uri", "https://app.example/cb"},
                      {"client_id", "spa"},
                      {"code_verifier", kVerifier}});
  }

  static void expect_allowed_preflight(const HttpResponse& r, const std::string& origin, const std::string& method) {
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), origin);
    EXPECT_THAT(r.header("Vary").value_or(""), HasSubstr("Origin"));
    EXPECT_THAT(r.header("Access-Control-Allow-Methods").value_or(""), HasSubstr(method));
    const auto headers = r.header("Access-Control-Allow-Headers").value_or("");
    EXPECT_THAT(headers, HasSubstr("Authorization"));
    EXPECT_THAT(headers, HasSubstr("Content-Type"));
    EXPECT_THAT(headers, HasSubstr("DPoP"));
    EXPECT_FALSE(r.header("Access-Control-Max-Age").value_or("").empty());
    EXPECT_FALSE(r.header("Access-Control-Allow-Credentials"));
  }
  static void expect_refused_preflight(const HttpResponse& r) {
    EXPECT_EQ(r.status, 204) << r.body;  // answered, not 405: the browser fails it for want of allow headers
    EXPECT_FALSE(r.header("Access-Control-Allow-Origin"));
    EXPECT_FALSE(r.header("Access-Control-Allow-Methods"));
    EXPECT_FALSE(r.header("Access-Control-Allow-Headers"));
  }
  static void expect_no_cors(const HttpResponse& r, const std::string& what) {
    for (const auto& [name, value] : r.headers)
      EXPECT_FALSE(name.size() >= 15 && http::iequals(name.substr(0, 15), "Access-Control-"))
          << what << " answered " << name << ": " << value;
  }
};

// --- token endpoint ---

TEST_F(Cors, TokenPreflightAllowsTheOriginOfARegisteredRedirectUri) {
  expect_allowed_preflight(preflight("/auth/token", kSpaOrigin), kSpaOrigin, "POST");
  expect_allowed_preflight(preflight("/auth/token", kAppOrigin), kAppOrigin, "POST");
}

TEST_F(Cors, TokenPreflightFromAnUnknownOriginGetsNoAllowHeaders) {
  const auto r = preflight("/auth/token", kEvilOrigin);
  expect_refused_preflight(r);
  EXPECT_THAT(r.header("Vary").value_or(""), HasSubstr("Origin"));
}

TEST_F(Cors, TokenResponseNamesTheOriginAndNeverAllowsCredentials) {
  const auto r = redeem_as_spa(kSpaOrigin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(str(json_of(r), "access_token").empty());
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), kSpaOrigin);
  EXPECT_EQ(r.header_count("Access-Control-Allow-Origin"), 1u);
  EXPECT_THAT(r.header("Vary").value_or(""), HasSubstr("Origin"));
  EXPECT_THAT(r.header("Access-Control-Expose-Headers").value_or(""), HasSubstr("WWW-Authenticate"));
  EXPECT_FALSE(r.header("Access-Control-Allow-Credentials"));
}

TEST_F(Cors, TokenErrorsCarryTheCorsHeadersSoTheAppCanReadThem) {
  const auto r = post_from(kSpaOrigin, "/auth/token", {{"grant_type", "authorization_code"}, {"client_id", "spa"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(str(json_of(r), "error"), "invalid_request");
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), kSpaOrigin);
}

TEST_F(Cors, UnknownOriginGetsNoCorsHeadersAndTheRequestIsProcessedAsUsual) {
  const auto r = redeem_as_spa(kEvilOrigin);
  EXPECT_EQ(r.status, 200) << r.body;  // the browser withholds it from the script; a server would get it anyway
  EXPECT_FALSE(r.header("Access-Control-Allow-Origin"));
  EXPECT_THAT(r.header("Vary").value_or(""), HasSubstr("Origin"));
}

TEST_F(Cors, RequestWithoutOriginGetsNoCorsHeaders) {
  const auto r = post("/auth/token", {{"grant_type", "authorization_code"},
                                      {"code", add_code("spa")},
                                      {"redirect_uri", "https://app.example/cb"},
                                      {"client_id", "spa"},
                                      {"code_verifier", kVerifier}});
  EXPECT_EQ(r.status, 200) << r.body;
  expect_no_cors(r, "POST /auth/token without Origin");
  EXPECT_FALSE(r.header("Vary"));
}

TEST_F(Cors, RepeatedOriginHeadersMatchNothing) {
  const auto r =
      request(server_->port(), "OPTIONS", "/auth/token",
              {{"Origin", kSpaOrigin}, {"Origin", kSpaOrigin}, {"Access-Control-Request-Method", "POST"}}, "");
  expect_refused_preflight(r);
}

TEST_F(Cors, ConfiguredOriginsAreAllowed) {
  expect_allowed_preflight(preflight("/auth/token", kConsoleOrigin), kConsoleOrigin, "POST");
  expect_allowed_preflight(preflight("/auth/introspect", kConsoleOrigin), kConsoleOrigin, "POST");
}

TEST_F(Cors, AClientRegisteredOnThisInstanceIsAllowedAtOnce) {
  const std::string origin = "http://localhost:5173";
  expect_refused_preflight(preflight("/auth/token", origin));
  register_public_client("vite", origin + "/cb");
  expect_allowed_preflight(preflight("/auth/token", origin), origin, "POST");
}

// --- refresh, revocation, introspection ---

TEST_F(Cors, RefreshAndRevocationAnswerAllowedOrigins) {
  expect_allowed_preflight(preflight("/auth/refresh", kSpaOrigin), kSpaOrigin, "POST");
  expect_allowed_preflight(preflight("/auth/revoke", kSpaOrigin), kSpaOrigin, "POST");
  expect_refused_preflight(preflight("/auth/revoke", kEvilOrigin));
  // RFC 7009 §2.2: an unknown token is revoked "successfully"; the app can read that it was.
  const auto r = post_from(kSpaOrigin, "/auth/revoke", {{"token", "not-a-token"}, {"client_id", "spa"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), kSpaOrigin);
  const auto refresh = post_from(kSpaOrigin, "/auth/refresh",
                                 {{"grant_type", "refresh_token"}, {"refresh_token", "nope"}, {"client_id", "spa"}});
  EXPECT_EQ(refresh.status, 400) << refresh.body;
  EXPECT_EQ(refresh.header("Access-Control-Allow-Origin").value_or(""), kSpaOrigin);
}

TEST_F(Cors, IntrospectionAllowsOnlyTheOriginsOfConfidentialClients) {
  expect_allowed_preflight(preflight("/auth/introspect", kAppOrigin), kAppOrigin, "POST");  // "web" is confidential
  expect_refused_preflight(preflight("/auth/introspect", kSpaOrigin));                      // only a public client's
  HeaderList headers;
  headers.emplace_back("Authorization", basic("web", web_secret_));
  const auto from_spa = post_from(kSpaOrigin, "/auth/introspect", {{"token", "x"}}, headers);
  EXPECT_EQ(from_spa.status, 200) << from_spa.body;
  EXPECT_FALSE(from_spa.header("Access-Control-Allow-Origin"));
  const auto from_app = post_from(kAppOrigin, "/auth/introspect", {{"token", "x"}}, headers);
  EXPECT_EQ(from_app.header("Access-Control-Allow-Origin").value_or(""), kAppOrigin);
}

// --- UserInfo ---

TEST_F(Cors, UserinfoAnswersAllowedOriginsOnly) {
  expect_allowed_preflight(preflight("/oidc/userinfo", kSpaOrigin, "GET"), kSpaOrigin, "GET");
  expect_refused_preflight(preflight("/oidc/userinfo", kEvilOrigin, "GET"));
  const auto allowed = request(server_->port(), "GET", "/oidc/userinfo", {{"Origin", kSpaOrigin}}, "");
  EXPECT_EQ(allowed.status, 401);
  EXPECT_EQ(allowed.header("Access-Control-Allow-Origin").value_or(""), kSpaOrigin);
  EXPECT_THAT(allowed.header("Access-Control-Expose-Headers").value_or(""), HasSubstr("WWW-Authenticate"));
  const auto refused = request(server_->port(), "GET", "/oidc/userinfo", {{"Origin", kEvilOrigin}}, "");
  EXPECT_EQ(refused.status, 401);
  EXPECT_FALSE(refused.header("Access-Control-Allow-Origin"));
}

// --- public documents ---

TEST_F(Cors, DiscoveryAndJwksArePublicToEveryOrigin) {
  for (const std::string path :
       {"/oidc/jwks", "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
    const auto pre = preflight(path, kEvilOrigin, "GET");
    EXPECT_EQ(pre.status, 204) << path;
    EXPECT_EQ(pre.header("Access-Control-Allow-Origin").value_or(""), "*") << path;
    EXPECT_THAT(pre.header("Access-Control-Allow-Methods").value_or(""), HasSubstr("GET")) << path;
    EXPECT_FALSE(pre.header("Access-Control-Allow-Credentials")) << path;
    const auto r = request(server_->port(), "GET", path, {{"Origin", kEvilOrigin}}, "");
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "*") << path;
  }
}

// --- pages a person uses: never ---

TEST_F(Cors, PagesAndAdministrationNeverCarryCorsHeadersEvenForAnAllowedOrigin) {
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"GET",
       "/oauth/authorize?response_type=code&client_id=spa&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
       "&code_challenge=" +
           kChallenge + "&code_challenge_method=S256"},
      {"POST", "/oauth/authorize"},
      {"GET", "/auth/login"},
      {"POST", "/auth/login"},
      {"POST", "/oauth/consent"},
      {"POST", "/auth/logout"},
      {"GET", "/oidc/logout"},
      {"GET", "/oauth/clients"},
      {"POST", "/oauth/clients"},
      {"GET", "/oauth/clients/spa"},
      {"GET", "/metrics"},
  };
  for (const auto& origin : {kSpaOrigin, kAppOrigin, kConsoleOrigin}) {
    for (const auto& [method, target] : pages) {
      HeaderList h{{"Origin", origin}};
      if (method == "POST") h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      expect_no_cors(request(server_->port(), method, target, h, ""), method + " " + target);
      const auto path = target.substr(0, target.find('?'));
      const auto pre = request(server_->port(), "OPTIONS", path,
                               {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}}, "");
      EXPECT_EQ(pre.status, 405) << "OPTIONS " << path;
      expect_no_cors(pre, "OPTIONS " + path);
    }
  }
}

}  // namespace
}  // namespace authly::test
