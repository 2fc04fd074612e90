// Standard claims an operator sets on an account (OIDC Core §5.1), validated before they are stored.
#include "services/user_profile.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace authly::services {
namespace {

boost::json::object profile_of(const store::User& u) { return boost::json::parse(u.profile).as_object(); }

TEST(UserProfile, TextClaimsGoToTheProfileObject) {
  auto u = apply_claims({}, {{"name", "Alice Liddell"}, {"locale", "en-GB"}, {"nickname", "al"}});
  ASSERT_TRUE(u.ok());
  const auto p = profile_of(*u);
  EXPECT_EQ(p.at("name").as_string(), "Alice Liddell");
  EXPECT_EQ(p.at("locale").as_string(), "en-GB");
  EXPECT_EQ(p.at("nickname").as_string(), "al");
}

TEST(UserProfile, ColumnsAreSetDirectly) {
  auto u = apply_claims({}, {{"given_name", "Alice"}, {"family_name", "Liddell"}, {"email_verified", "true"}});
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->given_name, "Alice");
  EXPECT_EQ(u->family_name, "Liddell");
  EXPECT_TRUE(u->email_verified);
  EXPECT_TRUE(profile_of(*u).empty());
}

TEST(UserProfile, AddressMembersFormOneObject) {
  auto u = apply_claims({}, {{"address.locality", "Oxford"}, {"address.country", "GB"}});
  ASSERT_TRUE(u.ok());
  const auto address = profile_of(*u).at("address").as_object();
  EXPECT_EQ(address.at("locality").as_string(), "Oxford");
  EXPECT_EQ(address.at("country").as_string(), "GB");
  // Removing the last member removes the address claim.
  auto cleared = apply_claims(*u, {{"address.locality", ""}, {"address.country", ""}});
  ASSERT_TRUE(cleared.ok());
  EXPECT_FALSE(profile_of(*cleared).contains("address"));
}

TEST(UserProfile, PhoneNumberVerifiedIsABoolean) {
  auto u = apply_claims({}, {{"phone_number", "+441865270000"}, {"phone_number_verified", "true"}});
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(profile_of(*u).at("phone_number_verified").as_bool());
  EXPECT_FALSE(apply_claims({}, {{"phone_number_verified", "yes"}}).ok());
}

TEST(UserProfile, EmptyValueRemovesAClaim) {
  auto u = apply_claims({}, {{"name", "Alice"}});
  ASSERT_TRUE(u.ok());
  auto removed = apply_claims(*u, {{"name", ""}});
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(profile_of(*removed).contains("name"));
}

TEST(UserProfile, BadValuesNameTheClaim) {
  const std::pair<const char*, const char*> bad[] = {{"birthdate", "1 May 1990"}, {"picture", "ftp://x.example/a.png"},
                                                     {"website", "example.com"},  {"phone_number", "01865 270000"},
                                                     {"email_verified", "1"},     {"sub", "x"},
                                                     {"password_hash", "x"},      {"address.planet", "Earth"}};
  for (const auto& [name, value] : bad) {
    auto r = apply_claims({}, {{name, value}});
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().field, name);
  }
}

TEST(UserProfile, BirthdateFormsOfSection51) {
  for (const char* ok : {"1990", "1990-05-01", "0000-05-01"})
    EXPECT_TRUE(apply_claims({}, {{"birthdate", ok}}).ok()) << ok;
}

TEST(UserProfile, OverlongValueIsRefused) { EXPECT_FALSE(apply_claims({}, {{"name", std::string(513, 'a')}}).ok()); }

}  // namespace
}  // namespace authly::services
