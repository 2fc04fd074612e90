// The authorization request's OpenID Connect parameters: `claims` (OIDC Core §5.5) and the
// offline_access scope (OIDC Core §11), each rule with a test that fails without it.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "oauth/authorize/authorize_request.hpp"

namespace authly::oauth::authorize {
namespace {

const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

class AuthorizeOidcParameters : public ::testing::Test {
 protected:
  AuthorizeOidcParameters() {
    client.id = "app";
    client.redirect_uris = {"https://app.example/cb"};
    client.grant_types = {"authorization_code", "refresh_token"};
    client.scope = "openid profile email offline_access";
  }
  static Params base(std::vector<std::pair<std::string, std::string>> extra = {}) {
    Params p{{"response_type", "code"},
             {"client_id", "app"},
             {"redirect_uri", "https://app.example/cb"},
             {"code_challenge", kChallenge},
             {"code_challenge_method", "S256"},
             {"scope", "openid profile"},
             {"state", "st-1"}};
    for (auto& [k, v] : extra) {
      auto it = std::find_if(p.begin(), p.end(), [&](const auto& kv) { return kv.first == k; });
      if (it != p.end())
        it->second = v;
      else
        p.emplace_back(k, v);
    }
    return p;
  }
  core::Result<ValidatedRequest, AuthorizeFailure> run(const Params& p) {
    return validate_authorization_request(p, [this](const std::string& id) -> std::optional<store::Client> {
      if (id == client.id) return client;
      return std::nullopt;
    });
  }
  store::Client client;
};

bool has(const std::vector<std::string>& scopes, const std::string& s) {
  return std::find(scopes.begin(), scopes.end(), s) != scopes.end();
}

// --- claims (OIDC Core §5.5) ---

TEST_F(AuthorizeOidcParameters, ValidClaimsParameterIsKeptAsSent) {
  const std::string claims = R"({"userinfo":{"email":{"essential":true},"picture":null},"id_token":{"name":null}})";
  auto r = run(base({{"claims", claims}}));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_EQ(r->request.claims, claims);
}

TEST_F(AuthorizeOidcParameters, AbsentClaimsParameterLeavesClaimsEmpty) {
  auto r = run(base());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->request.claims.empty());
}

TEST_F(AuthorizeOidcParameters, MalformedClaimsParameterIsRedirectedInvalidRequest) {
  for (const std::string bad :
       {"not json", "[1,2]", R"({"userinfo":5})", R"({"userinfo":{"email":{"essential":"yes"}}})"}) {
    auto r = run(base({{"claims", bad}}));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request) << bad;
    EXPECT_TRUE(r.error().error.redirectable) << bad;
    EXPECT_EQ(r.error().redirect_uri, "https://app.example/cb");
    EXPECT_EQ(r.error().state, "st-1");
  }
}

TEST_F(AuthorizeOidcParameters, OversizedClaimsParameterIsInvalidRequest) {
  std::string big = R"({"userinfo":{)";
  for (int i = 0; i < 400; ++i) {
    if (i > 0) big += ',';
    big += "\"claim_";
    big += std::to_string(i);
    big += "\":null";
  }
  big += "}}";
  auto r = run(base({{"claims", big}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request);
}

TEST_F(AuthorizeOidcParameters, ClaimsSurviveTheInteractionJsonRoundTrip) {
  const std::string claims = R"({"userinfo":{"email":null}})";
  auto r = run(base({{"claims", claims}}));
  ASSERT_TRUE(r.ok());
  auto back = request_from_json(to_json(r->request));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->claims, claims);
  EXPECT_EQ(to_json(*back), to_json(r->request));
}

TEST(AuthorizationRequestJson, RowWithoutClaimsStillLoadsAndNonStringClaimsDoesNot) {
  AuthorizationRequest r;
  r.client_id = "app";
  r.redirect_uri = "https://app.example/cb";
  r.claims = R"({"userinfo":{"email":null}})";
  auto json = boost::json::parse(to_json(r)).as_object();
  json.erase("claims");
  auto old = request_from_json(boost::json::serialize(json));
  ASSERT_TRUE(old);
  EXPECT_TRUE(old->claims.empty());
  json["claims"] = 5;
  EXPECT_FALSE(request_from_json(boost::json::serialize(json)));
}

// --- offline_access (OIDC Core §11) ---

TEST_F(AuthorizeOidcParameters, OfflineAccessDroppedWithoutPromptConsent) {
  auto r = run(base({{"scope", "openid offline_access"}}));
  ASSERT_TRUE(r.ok()) << r.error().error.description;  // ignored, not an error
  EXPECT_FALSE(has(r->request.scopes, "offline_access"));
  EXPECT_EQ(scope_string(r->request), "openid");
  auto login_only = run(base({{"scope", "openid offline_access"}, {"prompt", "login"}}));
  ASSERT_TRUE(login_only.ok());
  EXPECT_FALSE(has(login_only->request.scopes, "offline_access"));
}

TEST_F(AuthorizeOidcParameters, OfflineAccessKeptWithPromptConsent) {
  auto r = run(base({{"scope", "openid offline_access"}, {"prompt", "login consent"}}));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_TRUE(has(r->request.scopes, "offline_access"));
  EXPECT_TRUE(has(r->request.scopes, "openid"));
}

TEST_F(AuthorizeOidcParameters, OfflineAccessInAPlainOAuthRequestIsAnOrdinaryScope) {
  // No openid: OIDC Core §11's prompt=consent rule does not apply.
  auto r = run(base({{"scope", "profile offline_access"}}));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_TRUE(has(r->request.scopes, "offline_access"));
  client.grant_types = {"authorization_code"};
  auto no_refresh = run(base({{"scope", "profile offline_access"}}));
  ASSERT_TRUE(no_refresh.ok());
  EXPECT_FALSE(has(no_refresh->request.scopes, "offline_access"));
}

TEST_F(AuthorizeOidcParameters, OfflineAccessDroppedForClientWithoutRefreshTokenGrant) {
  client.grant_types = {"authorization_code"};
  auto r = run(base({{"scope", "openid offline_access"}, {"prompt", "consent"}}));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_FALSE(has(r->request.scopes, "offline_access"));
  EXPECT_TRUE(has(r->request.scopes, "openid"));
}

}  // namespace
}  // namespace authly::oauth::authorize
