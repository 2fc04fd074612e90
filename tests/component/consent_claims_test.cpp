// OIDC Core §5.5 claims parameter and consent: a client may ask individually only for claims of
// the scopes it is registered for (§5.4; others are ignored, as §5.5 allows), and the user's
// consent must cover every claim released (individually consented claims, or claims of consented
// scopes). A claim beyond the consent on file needs the consent page; with prompt=none it is
// consent_required (§3.1.2.6).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "browser_harness.hpp"
#include "core/base64url.hpp"

namespace authly::test::browser {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The claims parameter of the reported bypass: every member names a claim of a scope the client
// was never registered for.
const std::string kBeyondRegistration =
    R"({"userinfo":{"email":null,"phone_number":null,"address":null,"name":null,"birthdate":null},)"
    R"("id_token":{"email":null,"name":null}})";

boost::json::object payload_of(const std::string& jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return {};
  auto json = core::base64url_decode(std::string_view(jwt).substr(first + 1, second - first - 1));
  if (!json) return {};
  auto v = boost::json::parse(*json);
  return v.is_object() ? v.as_object() : boost::json::object{};
}

class ConsentClaims : public BrowserFlow {
 protected:
  // The redirect's query; fails the test unless the answer is a redirect.
  static std::map<std::string, std::string> redirected(const HttpResponse& r) {
    EXPECT_TRUE(r.status == 302 || r.status == 303) << r.status << " " << r.body;
    return query_of(r.header("Location").value_or(""));
  }
  // The first authorization of `client_id` for `scope` in browser `b`: login, consent Allow.
  void consent_once(Browser& b, const std::string& client_id, const std::string& scope) {
    auto page = b.get(authorize_target({{"scope", scope}}, client_id));
    ASSERT_EQ(page.status, 200) << page.body;
    auto consent = login(b, page);
    ASSERT_EQ(consent.status, 200) << consent.body;
    ASSERT_THAT(consent.body, HasSubstr("Allow access"));
    ASSERT_EQ(decide(b, consent, "allow").status, 303);
  }
  HttpResponse userinfo(const std::string& access_token) {
    return request(port(), "GET", "/oidc/userinfo", {{"Authorization", "Bearer " + access_token}}, "");
  }
};

// The reported bypass: registered for openid only, consented to openid only, prompt=none with a
// claims parameter naming e-mail, phone, address and profile claims.
TEST_F(ConsentClaims, ClaimsBeyondTheRegisteredScopesAreNeverReleased) {
  add_oidc_client("narrow", {.scope = "openid", .require_consent = true});
  Browser b(port());
  consent_once(b, "narrow", "openid");

  auto q = redirected(
      b.get(authorize_target({{"scope", "openid"}, {"prompt", "none"}, {"claims", kBeyondRegistration}}, "narrow")));
  ASSERT_EQ(q["code"].size(), 43u) << q["error"];
  auto row = store_->codes().find(crypto::sha256_hex(q["code"]));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->claims, "");  // nothing the client may ask for remains

  auto tokens = exchange_code(q["code"], "narrow");
  const auto id_token = payload_of(tokens.contains("id_token") ? std::string(tokens.at("id_token").as_string()) : "");
  EXPECT_FALSE(id_token.contains("email"));
  EXPECT_FALSE(id_token.contains("name"));
  auto info = userinfo(tokens.contains("access_token") ? std::string(tokens.at("access_token").as_string()) : "");
  ASSERT_EQ(info.status, 200) << info.body;
  const auto body = json_body(info);
  for (const char* claim : {"email", "phone_number", "address", "name", "birthdate"})
    EXPECT_FALSE(body.contains(claim)) << claim << " released: " << info.body;
  EXPECT_TRUE(body.contains("sub"));
}

TEST_F(ConsentClaims, ClaimsParameterBeyondConsentNeedsConsent) {
  // "app" is registered for openid profile email; the user consented to openid only.
  Browser b(port());
  consent_once(b, "app", "openid");
  const std::string email = R"({"userinfo":{"email":null}})";
  auto q = redirected(b.get(authorize_target({{"scope", "openid"}, {"prompt", "none"}, {"claims", email}})));
  EXPECT_EQ(q["error"], "consent_required");
  EXPECT_FALSE(q.count("code"));

  // Without prompt=none the consent page asks, naming the claim.
  auto page = b.get(authorize_target({{"scope", "openid"}, {"claims", email}}));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("Allow access"));
  EXPECT_THAT(page.body, HasSubstr("email"));
  ASSERT_EQ(decide(b, page, "allow").status, 303);
  auto consent = store_->consents().find(alice_id_, "app");
  ASSERT_TRUE(consent);
  EXPECT_EQ(consent->scope, "openid");
  EXPECT_EQ(consent->claims, "email");

  // Now on file: prompt=none gets a code for the same request.
  auto again = redirected(b.get(authorize_target({{"scope", "openid"}, {"prompt", "none"}, {"claims", email}})));
  EXPECT_EQ(again["code"].size(), 43u) << again["error"];
  // But not for a claim of the ID token the user has not seen.
  auto more = redirected(b.get(authorize_target(
      {{"scope", "openid"}, {"prompt", "none"}, {"claims", R"({"id_token":{"email":null,"given_name":null}})"}})));
  EXPECT_EQ(more["error"], "consent_required");
}

TEST_F(ConsentClaims, ClaimsOfConsentedScopesNeedNoNewConsent) {
  Browser b(port());
  consent_once(b, "app", "openid email");
  auto q = redirected(b.get(authorize_target(
      {{"scope", "openid"}, {"prompt", "none"}, {"claims", R"({"id_token":{"email":null,"email_verified":null}})"}})));
  EXPECT_EQ(q["code"].size(), 43u) << q["error"];
}

TEST_F(ConsentClaims, ConsentPageListsOnlyClaimsThatWillBeReleased) {
  // phone_number belongs to the phone scope, which "app" is not registered for: it is dropped and
  // the page does not offer it.
  Browser b(port());
  auto page = b.get(
      authorize_target({{"scope", "openid"},
                        {"claims", R"({"userinfo":{"phone_number":null,"email":null},"id_token":{"address":null}})"}}));
  ASSERT_EQ(page.status, 200) << page.body;
  auto consent = login(b, page);
  ASSERT_EQ(consent.status, 200) << consent.body;
  EXPECT_THAT(consent.body, HasSubstr("Also requested: email"));
  EXPECT_THAT(consent.body, Not(HasSubstr("phone_number")));
  EXPECT_THAT(consent.body, Not(HasSubstr("address")));
  auto done = decide(b, consent, "allow");
  auto row = store_->codes().find(crypto::sha256_hex(code_from(done)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->claims, R"({"userinfo":{"email":null}})");
  EXPECT_EQ(store_->consents().find(alice_id_, "app")->claims, "email");
}

// A client that does not require consent still gets only claims of its registered scopes.
TEST_F(ConsentClaims, TrustedClientGetsOnlyClaimsOfItsRegisteredScopes) {
  add_oidc_client("trusted-narrow", {.scope = "openid email", .require_consent = false});
  Browser b(port());
  auto page = b.get(authorize_target({{"scope", "openid"}, {"claims", kBeyondRegistration}}, "trusted-narrow"));
  ASSERT_EQ(page.status, 200) << page.body;
  auto q = redirected(login(b, page));
  auto tokens = exchange_code(q["code"], "trusted-narrow");
  const auto id_token = payload_of(std::string(tokens.at("id_token").as_string()));
  EXPECT_EQ(id_token.contains("email") ? std::string(id_token.at("email").as_string()) : "", "alice@example.com");
  EXPECT_FALSE(id_token.contains("name"));
  const auto body = json_body(userinfo(std::string(tokens.at("access_token").as_string())));
  EXPECT_TRUE(body.contains("email"));
  for (const char* claim : {"phone_number", "address", "name", "birthdate"})
    EXPECT_FALSE(body.contains(claim)) << claim;
}

// A code (or refresh token) written before the rule, or before the client's registration
// narrowed, may still name claims beyond the registered scopes: they are not released either.
TEST_F(ConsentClaims, StoredClaimsBeyondTheRegistrationAreNotReleased) {
  add_oidc_client("narrow", {.scope = "openid", .require_consent = true});
  Browser b(port());
  consent_once(b, "narrow", "openid");
  auto q = redirected(b.get(authorize_target({{"scope", "openid"}, {"prompt", "none"}}, "narrow")));
  auto row = store_->codes().find(crypto::sha256_hex(q["code"]));
  ASSERT_TRUE(row);
  // As an older server stored it: the raw parameter.
  const std::string legacy_code = "legacy-code-value-with-enough-entropy-0001";
  row->code_hash = crypto::sha256_hex(legacy_code);
  row->claims = kBeyondRegistration;
  store_->codes().create(*row);

  auto tokens = exchange_code(legacy_code, "narrow");
  ASSERT_TRUE(tokens.contains("id_token")) << boost::json::serialize(tokens);
  const auto id_token = payload_of(std::string(tokens.at("id_token").as_string()));
  EXPECT_FALSE(id_token.contains("email"));
  EXPECT_FALSE(id_token.contains("name"));
  auto info = userinfo(std::string(tokens.at("access_token").as_string()));
  ASSERT_EQ(info.status, 200) << info.body;
  const auto body = json_body(info);
  for (const char* claim : {"email", "phone_number", "address", "name", "birthdate"})
    EXPECT_FALSE(body.contains(claim)) << claim << " released: " << info.body;
}

}  // namespace
}  // namespace authly::test::browser
