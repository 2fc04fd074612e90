// OIDC Core §5.4/§5.5: a client may ask individually only for claims of the scopes it is
// registered for; the others are dropped (§5.5.1 allows leaving requested claims out), at the
// authorization endpoint (check_claims) and again where claims are released.
#include <gtest/gtest.h>

#include "oauth/authorize/authorize_request.hpp"
#include "oauth/claims_request.hpp"
#include "oauth/scope_claims.hpp"

namespace authly::oauth {
namespace {

TEST(ScopeClaims, ClaimsOfScopesFollowTheStandardTable) {
  const auto names = claims_of_scopes("openid email phone custom");
  EXPECT_TRUE(names.contains("email"));
  EXPECT_TRUE(names.contains("email_verified"));
  EXPECT_TRUE(names.contains("phone_number"));
  EXPECT_TRUE(names.contains("phone_number_verified"));
  EXPECT_FALSE(names.contains("name"));
  EXPECT_FALSE(names.contains("address"));
  EXPECT_EQ(names.size(), 4u);
  EXPECT_TRUE(claims_of_scopes("openid").empty());
  EXPECT_TRUE(claims_of_scopes("").empty());
  EXPECT_EQ(claims_of_scopes("profile").size(), 14u);
}

TEST(ClaimsRestriction, KeepsOnlyAllowedClaimsAndTheirRequests) {
  const auto allowed = claims_of_scopes("email");
  EXPECT_EQ(restrict_claims_request(
                R"({"userinfo":{"email":{"essential":true},"name":null},"id_token":{"address":null},"x":1})", allowed),
            R"({"userinfo":{"email":{"essential":true}}})");
  EXPECT_EQ(restrict_claims_request(R"({"userinfo":{"name":null},"id_token":{"address":null}})", allowed), "");
  EXPECT_EQ(restrict_claims_request("", allowed), "");
  EXPECT_EQ(restrict_claims_request("not json", allowed), "");
}

TEST(ClaimsRestriction, RestrictsParsedClaims) {
  auto parsed = parse_claims_request(R"({"userinfo":{"email":null,"name":null,"sub":null}})");
  ASSERT_TRUE(parsed.ok());
  restrict_claims(parsed->userinfo, claims_of_scopes("email"));
  ASSERT_EQ(parsed->userinfo.size(), 1u);
  EXPECT_EQ(parsed->userinfo.front().name, "email");
}

TEST(ClaimsRestriction, RequestedNamesAreListedOnceInOrder) {
  EXPECT_EQ(
      requested_claim_names(R"({"userinfo":{"name":null,"email":null},"id_token":{"email":null,"picture":null}})"),
      (std::vector<std::string>{"name", "email", "picture"}));
  EXPECT_TRUE(requested_claim_names("").empty());
}

// The reported bypass at the authorization endpoint: a client registered for openid only.
TEST(ClaimsRestriction, CheckClaimsDropsClaimsBeyondTheRegisteredScopes) {
  store::Client client;
  client.id = "narrow";
  client.redirect_uris = {"https://app.example/cb"};
  client.grant_types = {"authorization_code"};
  client.scope = "openid";
  const authorize::Params params{
      {"response_type", "code"},
      {"client_id", "narrow"},
      {"redirect_uri", "https://app.example/cb"},
      {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
      {"code_challenge_method", "S256"},
      {"scope", "openid"},
      {"claims", R"({"userinfo":{"email":null,"phone_number":null,"address":null,"name":null,"birthdate":null},)"
                 R"("id_token":{"email":null,"name":null}})"}};
  auto lookup = [&](const std::string& id) -> std::optional<store::Client> {
    if (id == client.id) return client;
    return std::nullopt;
  };
  auto r = authorize::validate_authorization_request(params, lookup);
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_EQ(r->request.claims, "");
  client.scope = "openid email";
  r = authorize::validate_authorization_request(params, lookup);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->request.claims, R"({"userinfo":{"email":null},"id_token":{"email":null}})");
}

}  // namespace
}  // namespace authly::oauth
