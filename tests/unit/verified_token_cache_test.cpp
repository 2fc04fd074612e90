// The introspection cache of verified access-token claims: bounded (least recently used evicted),
// never returns an entry at or past the token's exp, and keyed by the token.
#include "oauth/verified_token_cache.hpp"

#include <gtest/gtest.h>

namespace authly::test {
namespace {

using namespace std::chrono_literals;

const core::TimePoint kNow = core::from_unix(1'800'000'000);

oauth::AccessTokenClaims claims(std::string jti, core::TimePoint exp = kNow + 600s) {
  oauth::AccessTokenClaims c;
  c.jti = std::move(jti);
  c.expires_at = exp;
  return c;
}

TEST(VerifiedTokenCache, HoldsAtMostItsCapacityEvictingTheLeastRecentlyUsed) {
  oauth::VerifiedTokenCache cache(3);
  cache.insert("t1", claims("j1"));
  cache.insert("t2", claims("j2"));
  cache.insert("t3", claims("j3"));
  ASSERT_TRUE(cache.find("t1", kNow));  // t1 used: t2 is now the least recently used
  cache.insert("t4", claims("j4"));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find("t2", kNow));
  EXPECT_EQ(cache.find("t1", kNow)->jti, "j1");
  EXPECT_EQ(cache.find("t3", kNow)->jti, "j3");
  EXPECT_EQ(cache.find("t4", kNow)->jti, "j4");
  for (int i = 0; i < 100; ++i) cache.insert("many-" + std::to_string(i), claims("j"));
  EXPECT_EQ(cache.size(), 3u);
}

TEST(VerifiedTokenCache, ExpiredEntryIsNotReturnedAndIsDropped) {
  oauth::VerifiedTokenCache cache(8);
  cache.insert("t", claims("j", kNow + 10s));
  EXPECT_TRUE(cache.find("t", kNow + 9s));
  EXPECT_FALSE(cache.find("t", kNow + 10s));  // exp itself is expired (RFC 7519 §4.1.4)
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCache, EntriesAreKeyedByTheWholeToken) {
  oauth::VerifiedTokenCache cache(8);
  cache.insert("token-a", claims("ja"));
  EXPECT_FALSE(cache.find("token-b", kNow));
  EXPECT_FALSE(cache.find("token-", kNow));
  cache.insert("token-a", claims("ja2"));  // re-verified: replaced, not duplicated
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("token-a", kNow)->jti, "ja2");
}

}  // namespace
}  // namespace authly::test
