// PKCE at the token endpoint (RFC 7636 §4.1, §4.6; OAuth 2.1 §4.1.3).
#include "oauth/pkce.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

// RFC 7636 Appendix B.
const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// §4.1/§4.2: challenge and verifier alike are 43-128 unreserved characters.
TEST(Pkce, ChallengeAndVerifierShareTheUnreservedSyntax) {
  const std::string ok(43, 'a');
  EXPECT_TRUE(is_code_challenge(ok));
  EXPECT_TRUE(is_code_verifier(ok));
  EXPECT_TRUE(is_code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  EXPECT_FALSE(is_code_challenge(std::string(42, 'a')));
  EXPECT_FALSE(is_code_challenge(std::string(129, 'a')));
  EXPECT_FALSE(is_code_challenge(std::string(42, 'a') + "+"));
  EXPECT_FALSE(is_code_verifier(std::string(42, 'a') + "="));
}

TEST(Pkce, AppendixBVerifierMatchesItsChallenge) {
  EXPECT_TRUE(check_code_verifier(kChallenge, "S256", true, kVerifier).ok());
}

TEST(Pkce, VerifierMismatchIsInvalidGrant) {
  auto r = check_code_verifier(kChallenge, "S256", true, std::string(43, 'x'));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_grant);
}

TEST(Pkce, MissingVerifierIsInvalidGrant) {
  auto r = check_code_verifier(kChallenge, "S256", false, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_grant);
}

TEST(Pkce, VerifierWithoutChallengeIsInvalidGrant) {
  auto r = check_code_verifier("", "", true, kVerifier);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_grant);
  EXPECT_TRUE(check_code_verifier("", "", false, "").ok());
}

TEST(Pkce, PlainMethodIsRejected) {
  // Even when the verifier equals the "challenge", as plain would accept.
  EXPECT_FALSE(check_code_verifier(kVerifier, "plain", true, kVerifier).ok());
}

TEST(Pkce, VerifierSyntaxIsEnforced) {
  EXPECT_TRUE(is_code_verifier(std::string(43, 'a')));
  EXPECT_TRUE(is_code_verifier(std::string(128, '~')));
  EXPECT_FALSE(is_code_verifier(std::string(42, 'a')));
  EXPECT_FALSE(is_code_verifier(std::string(129, 'a')));
  EXPECT_FALSE(is_code_verifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(is_code_verifier(std::string(42, 'a') + "/"));
  // A malformed verifier fails before hashing, whatever the challenge.
  EXPECT_FALSE(check_code_verifier(kChallenge, "S256", true, kVerifier + " ").ok());
}

}  // namespace
}  // namespace authly::oauth
