// OIDC Core §5.1 standard claims and the §5.4 scope mapping (oidc/claims.hpp): which claims each
// scope releases, from which field of the user, with which JSON type, and that absent values are
// omitted rather than null (§5.3.2).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "oidc/claims.hpp"

namespace authly::oidc {
namespace {

using Scopes = std::vector<std::string>;

store::User full_user() {
  store::User u;
  u.id = "u-1";
  u.username = "alice";
  u.email = "alice@example.com";
  u.email_verified = true;
  u.given_name = "Alice";
  u.family_name = "Liddell";
  u.updated_at = core::from_unix(1'700'000'000);
  u.profile = R"({"middle_name":"Pleasance","nickname":"Al","profile":"https://alice.example/",)"
              R"("picture":"https://alice.example/a.png","website":"https://wonder.example/","gender":"female",)"
              R"("birthdate":"1852-05-04","zoneinfo":"Europe/London","locale":"en-GB",)"
              R"("phone_number":"+44 20 7946 0000","phone_number_verified":true,)"
              R"("address":{"street_address":"Christ Church","locality":"Oxford","country":"UK"}})";
  return u;
}

store::User bare_user() {
  store::User u;
  u.id = "u-2";
  u.username = "bob";
  u.updated_at = core::from_unix(1'700'000'000);
  return u;
}

std::vector<std::string> keys_of(const boost::json::object& o) {
  std::vector<std::string> out;
  for (const auto& [k, v] : o) out.emplace_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(OidcClaims, ProfileScopeReleasesTheProfileClaims) {
  auto c = user_claims(full_user(), {"profile"}, {});
  EXPECT_EQ(keys_of(c), (std::vector<std::string>{"birthdate", "family_name", "gender", "given_name", "locale",
                                                  "middle_name", "name", "nickname", "picture", "preferred_username",
                                                  "profile", "updated_at", "website", "zoneinfo"}));
  EXPECT_EQ(c.at("given_name").as_string(), "Alice");
  EXPECT_EQ(c.at("family_name").as_string(), "Liddell");
  EXPECT_EQ(c.at("preferred_username").as_string(), "alice");
  EXPECT_EQ(c.at("nickname").as_string(), "Al");
  EXPECT_EQ(c.at("zoneinfo").as_string(), "Europe/London");
  // §5.1: updated_at is a JSON number of seconds since the epoch.
  ASSERT_TRUE(c.at("updated_at").is_int64());
  EXPECT_EQ(c.at("updated_at").as_int64(), 1'700'000'000);
}

TEST(OidcClaims, NameIsDerivedFromGivenAndFamilyWhenTheProfileHasNone) {
  EXPECT_EQ(user_claims(full_user(), {"profile"}, {}).at("name").as_string(), "Alice Liddell");
  auto u = full_user();
  u.profile = R"({"name":"Alice P. Liddell"})";
  EXPECT_EQ(user_claims(u, {"profile"}, {}).at("name").as_string(), "Alice P. Liddell");
  u.profile = "{}";
  u.family_name.clear();
  EXPECT_EQ(user_claims(u, {"profile"}, {}).at("name").as_string(), "Alice");
}

TEST(OidcClaims, EmailScopeReleasesEmailAndABooleanVerifiedFlag) {
  auto c = user_claims(full_user(), {"email"}, {});
  EXPECT_EQ(keys_of(c), (std::vector<std::string>{"email", "email_verified"}));
  EXPECT_EQ(c.at("email").as_string(), "alice@example.com");
  ASSERT_TRUE(c.at("email_verified").is_bool());
  EXPECT_TRUE(c.at("email_verified").as_bool());
  auto u = full_user();
  u.email_verified = false;
  auto unverified = user_claims(u, {"email"}, {});
  ASSERT_TRUE(unverified.at("email_verified").is_bool());
  EXPECT_FALSE(unverified.at("email_verified").as_bool());
}

TEST(OidcClaims, AddressScopeReleasesTheAddressObject) {
  auto c = user_claims(full_user(), {"address"}, {});
  EXPECT_EQ(keys_of(c), std::vector<std::string>{"address"});
  ASSERT_TRUE(c.at("address").is_object());
  EXPECT_EQ(c.at("address").as_object().at("locality").as_string(), "Oxford");
}

TEST(OidcClaims, PhoneScopeReleasesNumberAndABooleanVerifiedFlag) {
  auto c = user_claims(full_user(), {"phone"}, {});
  EXPECT_EQ(keys_of(c), (std::vector<std::string>{"phone_number", "phone_number_verified"}));
  EXPECT_EQ(c.at("phone_number").as_string(), "+44 20 7946 0000");
  ASSERT_TRUE(c.at("phone_number_verified").is_bool());
  EXPECT_TRUE(c.at("phone_number_verified").as_bool());
  auto u = full_user();
  u.profile = R"({"phone_number":"+1 555"})";
  EXPECT_FALSE(user_claims(u, {"phone"}, {}).at("phone_number_verified").as_bool());
}

// §5.3.2 / §5.4: a claim without a value is omitted, never null or "".
TEST(OidcClaims, AbsentValuesAreOmitted) {
  auto c = user_claims(bare_user(), {"profile", "email", "address", "phone"}, {});
  EXPECT_EQ(keys_of(c), (std::vector<std::string>{"preferred_username", "updated_at"}));
  for (const auto& [k, v] : c) EXPECT_FALSE(v.is_null()) << k;
}

TEST(OidcClaims, ScopesWithoutClaimsReleaseNothing) {
  EXPECT_TRUE(user_claims(full_user(), {"openid", "offline_access", "api:read"}, {}).empty());
  EXPECT_TRUE(claims_for_scope("openid").empty());
  EXPECT_EQ(claims_for_scope("email"), (std::vector<std::string_view>{"email", "email_verified"}));
}

TEST(OidcClaims, ScopesReleaseOnlyTheirOwnClaims) {
  auto c = user_claims(full_user(), {"email"}, {});
  EXPECT_FALSE(c.contains("phone_number"));
  EXPECT_FALSE(c.contains("name"));
  EXPECT_FALSE(c.contains("address"));
}

// §5.5: individually requested claims are released without their scope, one by one.
TEST(OidcClaims, RequestedClaimsAreReleasedIndividually) {
  auto c = user_claims(full_user(), {}, {{"email", true, {}}, {"picture", false, {}}});
  EXPECT_EQ(keys_of(c), (std::vector<std::string>{"email", "picture"}));
}

TEST(OidcClaims, RequestedNonUserClaimsAreIgnored) {
  auto c = user_claims(full_user(), {}, {{"sub", false, {}}, {"acr", true, {}}, {"favourite_colour", false, {}}});
  EXPECT_TRUE(c.empty()) << boost::json::serialize(c);
}

TEST(OidcClaims, AMalformedProfileReleasesOnlyColumnClaims) {
  auto u = full_user();
  u.profile = "not json";
  auto c = user_claims(u, {"profile", "phone"}, {});
  EXPECT_EQ(keys_of(c),
            (std::vector<std::string>{"family_name", "given_name", "name", "preferred_username", "updated_at"}));
}

TEST(OidcClaims, ProfileValuesOfTheWrongTypeAreOmitted) {
  auto u = bare_user();
  u.profile = R"({"nickname":7,"address":"Oxford","locale":null})";
  auto c = user_claims(u, {"profile", "address"}, {});
  EXPECT_FALSE(c.contains("nickname"));
  EXPECT_FALSE(c.contains("address"));
  EXPECT_FALSE(c.contains("locale"));
}

TEST(OidcClaims, SupportedClaimsCoverProtocolAndScopeClaims) {
  const auto& all = supported_claims();
  for (auto name : {"sub", "iss", "aud", "auth_time", "nonce", "acr", "amr", "sid", "email", "email_verified",
                    "address", "phone_number", "updated_at", "preferred_username"})
    EXPECT_NE(std::find(all.begin(), all.end(), name), all.end()) << name;
}

}  // namespace
}  // namespace authly::oidc
