// The user behind an access token (oauth/token_user.hpp): sealed with AES-256-GCM under a key
// derived from the pairwise key, bound to the token's client, a fresh nonce each time, so the
// token's readers see only the client's subject.
#include <gtest/gtest.h>

#include "core/random.hpp"
#include "oauth/token_user.hpp"

namespace authly::oauth {
namespace {

const std::string kKey(32, 'p');

TEST(TokenUserSeal, RoundTripsForTheSameClientAndKey) {
  core::SystemRandom rng;
  const auto sealed = seal_token_user(kKey, "user-1", "app", rng);
  EXPECT_EQ(sealed.find("user-1"), std::string::npos);
  EXPECT_EQ(open_token_user(kKey, sealed, "app"), "user-1");
}

TEST(TokenUserSeal, EachTokenGetsAnUnrelatedValue) {
  core::SystemRandom rng;
  EXPECT_NE(seal_token_user(kKey, "user-1", "app", rng), seal_token_user(kKey, "user-1", "app", rng));
}

TEST(TokenUserSeal, OtherClientKeyOrTamperingDoesNotOpen) {
  core::SystemRandom rng;
  const auto sealed = seal_token_user(kKey, "user-1", "app", rng);
  EXPECT_FALSE(open_token_user(kKey, sealed, "other"));
  EXPECT_FALSE(open_token_user(std::string(32, 'q'), sealed, "app"));
  EXPECT_FALSE(open_token_user("", sealed, "app"));
  auto tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(open_token_user(kKey, tampered, "app"));
  EXPECT_FALSE(open_token_user(kKey, "not base64url!", "app"));
  EXPECT_FALSE(open_token_user(kKey, "", "app"));
}

TEST(TokenUserSeal, SealingWithoutAKeyFailsClosed) {
  core::SystemRandom rng;
  EXPECT_THROW(seal_token_user("", "user-1", "app", rng), std::logic_error);
}

AccessTokenClaims claims(std::string sub, std::string client_id, std::string sealed = {}) {
  AccessTokenClaims c;
  c.subject = std::move(sub);
  c.client_id = std::move(client_id);
  c.sealed_user = std::move(sealed);
  return c;
}

TEST(TokenUserSeal, TokenUserPrefersTheSealedClaim) {
  core::SystemRandom rng;
  auto user = token_user(claims("pairwise-sub", "app", seal_token_user(kKey, "user-1", "app", rng)), kKey);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(*user, std::optional<std::string>("user-1"));
}

TEST(TokenUserSeal, ClientCredentialsTokenHasNoUser) {
  auto user = token_user(claims("service", "service"), kKey);
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(*user);
}

TEST(TokenUserSeal, TokenWithoutTheSealedClaimNamesItsSub) {
  auto user = token_user(claims("user-1", "app"), kKey);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(*user, std::optional<std::string>("user-1"));
}

TEST(TokenUserSeal, SealedClaimThatDoesNotOpenIsInvalidToken) {
  core::SystemRandom rng;
  auto user = token_user(claims("service", "service", seal_token_user(kKey, "user-1", "app", rng)), kKey);
  ASSERT_FALSE(user.ok());
  EXPECT_EQ(user.error().code, ErrorCode::invalid_token);
}

}  // namespace
}  // namespace authly::oauth
