// RFC 7662 §4: who may learn about an access token through introspection.
#include "oauth/introspection_access.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

const std::string kIssuer = "https://id.example.com";

TEST(IntrospectionAccessRule, TheTokensOwnClientMayIntrospect) {
  EXPECT_TRUE(may_introspect_access_token("web", "web", {kIssuer}, kIssuer));
}

TEST(IntrospectionAccessRule, AnotherClientMayNot) {
  EXPECT_FALSE(may_introspect_access_token("other", "web", {kIssuer}, kIssuer));
}

TEST(IntrospectionAccessRule, AResourceServerInTheAudienceMay) {
  EXPECT_TRUE(may_introspect_access_token("api", "web", {kIssuer, "api"}, kIssuer));
  EXPECT_TRUE(may_introspect_access_token("api", "web", {"api"}, kIssuer));
  EXPECT_FALSE(may_introspect_access_token("api2", "web", {kIssuer, "api"}, kIssuer));
}

TEST(IntrospectionAccessRule, AClientNamedLikeTheIssuerIsNotTheIssuerAudience) {
  EXPECT_FALSE(may_introspect_access_token(kIssuer, "web", {kIssuer}, kIssuer));
}

TEST(IntrospectionAccessRule, AnEmptyCallerNeverMatches) {
  EXPECT_FALSE(may_introspect_access_token("", "", {""}, kIssuer));
}

TEST(IntrospectionAccessRule, AudienceIsComparedExactly) {
  EXPECT_FALSE(may_introspect_access_token("API", "web", {"api"}, kIssuer));
  EXPECT_FALSE(may_introspect_access_token("api", "web", {"api "}, kIssuer));
}

}  // namespace
}  // namespace authly::oauth
