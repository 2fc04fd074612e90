// RFC 6749 §3.3 / §6: token requests may narrow scope, never widen it.
#include <gtest/gtest.h>

#include "oauth/grants/requested_scope.hpp"

namespace authly::oauth {
namespace {

TEST(TokenScope, NarrowingIsAllowed) {
  auto r = narrow_scope(std::string("openid"), "openid profile", "openid profile");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "openid");
}

TEST(TokenScope, WideningIsInvalidScope) {
  auto r = narrow_scope(std::string("openid email"), "openid profile", "openid profile");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_scope);
}

TEST(TokenScope, AbsentOrEmptyFallsBack) {
  EXPECT_EQ(*narrow_scope(std::nullopt, "a b", "a"), "a");
  EXPECT_EQ(*narrow_scope(std::string(), "a b", "b"), "b");
}

TEST(TokenScope, MalformedScopeIsInvalidScope) {
  auto r = narrow_scope(std::string("openid  profile"), "openid profile", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_scope);
}

}  // namespace
}  // namespace authly::oauth
