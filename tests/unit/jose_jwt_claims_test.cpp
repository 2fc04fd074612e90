// RFC 7519 §4.1 claim checks, one test per rule, plus the algorithm names (RFC 7518 §3.1).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwt_claims.hpp"

namespace authly::jose {
namespace {

using std::chrono::seconds;

constexpr std::int64_t kNow = 1'700'000'000;
const core::TimePoint now = core::from_unix(kNow);
constexpr std::string_view kIssuer = "https://id.example.com";
constexpr std::string_view kAudience = "client-1";

// Valid claims: issued now, valid for an hour, for client-1.
boost::json::object claims() {
  return boost::json::object{{"iss", kIssuer}, {"aud", kAudience}, {"sub", "alice"},
                             {"iat", kNow},    {"nbf", kNow},      {"exp", kNow + 3600}};
}

ErrorCode code_of(const Result<core::Ok>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? ErrorCode::malformed : r.error().code;
}

Result<core::Ok> check(const boost::json::object& c, seconds leeway = seconds{0}) {
  return validate_claims(c, kIssuer, kAudience, now, leeway);
}

TEST(JwtClaims, AcceptsValidClaims) { EXPECT_TRUE(check(claims()).ok()); }

TEST(JwtClaims, RejectsExpiredToken) {
  auto c = claims();
  c["exp"] = kNow;  // RFC 7519 §4.1.4: now must be *before* exp
  EXPECT_EQ(code_of(check(c)), ErrorCode::expired);
  c["exp"] = kNow - 10;
  EXPECT_EQ(code_of(check(c, seconds{5})), ErrorCode::expired);
  EXPECT_TRUE(check(c, seconds{11}).ok());  // within leeway
}

TEST(JwtClaims, AcceptsFractionalNumericDate) {
  auto c = claims();
  c["exp"] = static_cast<double>(kNow) + 0.5;
  EXPECT_TRUE(check(c).ok());
  c["exp"] = static_cast<double>(kNow) - 0.5;
  EXPECT_EQ(code_of(check(c)), ErrorCode::expired);
}

// Found by fuzz/jose_fuzzer: NumericDates beyond a TimePoint's range saturate instead of
// overflowing, and adding a leeway to the saturated value stays in range.
TEST(JwtClaims, NumericDateClaimSaturatesOutOfRangeValues) {
  const auto parsed = boost::json::parse(
      R"({"big":1e300,"small":-1e300,"int":17000006000600,"uint":18446744073709551615,"ok":1700000000.9,"s":"1"})");
  const auto& o = parsed.as_object();
  const core::TimePoint far = core::from_unix(4'000'000'000);  // 2096
  ASSERT_TRUE(numeric_date_claim(o, "big").has_value());
  EXPECT_GT(*numeric_date_claim(o, "big"), far);
  EXPECT_GT(*numeric_date_claim(o, "big") + std::chrono::hours(24 * 365), far);
  EXPECT_LT(*numeric_date_claim(o, "small"), core::from_unix(-4'000'000'000));
  EXPECT_GT(*numeric_date_claim(o, "int"), far);
  EXPECT_GT(*numeric_date_claim(o, "uint"), far);
  EXPECT_EQ(numeric_date_claim(o, "ok"), now);
  EXPECT_FALSE(numeric_date_claim(o, "s").has_value());
  EXPECT_FALSE(numeric_date_claim(o, "absent").has_value());
}

TEST(JwtClaims, RequiresNumericExp) {
  auto c = claims();
  c.erase("exp");
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
  c["exp"] = std::to_string(kNow + 3600);
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
}

TEST(JwtClaims, RejectsNotYetValidNbf) {
  auto c = claims();
  c["nbf"] = kNow + 30;
  EXPECT_EQ(code_of(check(c)), ErrorCode::not_yet_valid);
  EXPECT_TRUE(check(c, seconds{30}).ok());
  c["nbf"] = "soon";
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
}

TEST(JwtClaims, RejectsIatInTheFuture) {
  auto c = claims();
  c["iat"] = kNow + 120;
  EXPECT_EQ(code_of(check(c, seconds{60})), ErrorCode::not_yet_valid);
  EXPECT_TRUE(check(c, seconds{120}).ok());
}

TEST(JwtClaims, RejectsWrongOrMissingIssuer) {
  auto c = claims();
  c["iss"] = "https://id.example.com/";  // exact match only
  EXPECT_EQ(code_of(check(c)), ErrorCode::wrong_issuer);
  c.erase("iss");
  EXPECT_EQ(code_of(check(c)), ErrorCode::wrong_issuer);
  c["iss"] = 42;
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
}

TEST(JwtClaims, RejectsWrongOrMissingAudience) {
  auto c = claims();
  c["aud"] = "client-2";
  EXPECT_EQ(code_of(check(c)), ErrorCode::wrong_audience);
  c.erase("aud");
  EXPECT_EQ(code_of(check(c)), ErrorCode::wrong_audience);
}

TEST(JwtClaims, AcceptsAudienceArrayContainingTheAudience) {
  auto c = claims();
  c["aud"] = boost::json::array{"resource-server", kAudience};
  EXPECT_TRUE(check(c).ok());
  c["aud"] = boost::json::array{"resource-server", "client-2"};
  EXPECT_EQ(code_of(check(c)), ErrorCode::wrong_audience);
}

TEST(JwtClaims, RejectsMalformedAudience) {
  auto c = claims();
  c["aud"] = boost::json::array{kAudience, 7};
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
  c["aud"] = boost::json::object{{"aud", kAudience}};
  EXPECT_EQ(code_of(check(c)), ErrorCode::malformed);
}

TEST(JwtClaims, NegativeLeewayCountsAsZero) {
  auto c = claims();
  c["exp"] = kNow + 1;
  EXPECT_TRUE(check(c, seconds{-10}).ok());
}

TEST(JwtClaims, ParseClaimsRequiresAJsonObject) {
  EXPECT_TRUE(parse_claims(R"({"sub":"alice"})").ok());
  for (const char* bad : {"[1]", "\"sub\"", "{\"sub\":", "Example of Ed25519 signing"}) {
    auto r = parse_claims(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::malformed);
  }
}

TEST(JoseAlgorithm, NamesRoundTripAndNoneIsNotRepresentable) {
  for (Algorithm a : {Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA, Algorithm::HS256}) {
    EXPECT_EQ(algorithm_from_string(to_string(a)), a);
  }
  EXPECT_FALSE(algorithm_from_string("none").has_value());
  EXPECT_FALSE(algorithm_from_string("rs256").has_value());  // names are case-sensitive
  EXPECT_FALSE(algorithm_from_string("RS384").has_value());
  EXPECT_FALSE(algorithm_from_string("").has_value());
}

TEST(JoseAlgorithm, AsymmetricSetExcludesHs256) {
  const AlgorithmSet set = AlgorithmSet::asymmetric();
  EXPECT_TRUE(set.contains(Algorithm::RS256));
  EXPECT_TRUE(set.contains(Algorithm::EdDSA));
  EXPECT_FALSE(set.contains(Algorithm::HS256));
  EXPECT_TRUE(AlgorithmSet{}.empty());
}

}  // namespace
}  // namespace authly::jose
