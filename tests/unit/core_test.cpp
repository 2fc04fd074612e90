#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/base64url.hpp"
#include "core/clock.hpp"
#include "core/constant_time.hpp"
#include "core/random.hpp"
#include "core/result.hpp"

namespace authly::core {
namespace {

struct Vector {
  std::string plain;
  std::string encoded;
};

// RFC 4648 §10, without the padding that base64url in JOSE and PKCE omits.
const Vector kRfc4648[] = {{"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
                           {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};

TEST(Base64Url, EncodesRfc4648Vectors) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64url_encode(v.plain), v.encoded) << v.plain;
}

TEST(Base64Url, DecodesRfc4648Vectors) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64url_decode(v.encoded), v.plain) << v.encoded;
}

TEST(Base64Url, UsesUrlAlphabet) {
  const std::string bytes("\xfb\xff\xbf", 3);  // "+/+/" in the standard alphabet
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64url_decode("-_-_"), bytes);
  EXPECT_EQ(base64url_decode("+/+/"), std::nullopt);
}

TEST(Base64Url, RejectsPadding) {
  EXPECT_EQ(base64url_decode("Zg=="), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm8="), std::nullopt);
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  // "Zg" is the one encoding of "f"; "Zh" carries the same byte with a stray low bit set.
  EXPECT_EQ(base64url_decode("Zh"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm9"), std::nullopt);  // "fo" is "Zm8"
}

TEST(Base64Url, RejectsImpossibleLengthAndForeignCharacters) {
  EXPECT_EQ(base64url_decode("Zm9vY"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm 9v"), std::nullopt);
  EXPECT_EQ(base64url_decode(std::string_view("Zm\0v", 4)), std::nullopt);
}

TEST(Base64Url, RoundTripsAllByteValues) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    EXPECT_EQ(base64url_decode(base64url_encode(all.substr(0, n))), all.substr(0, n));
  }
}

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
}

TEST(Base64, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("Zm9vYg"), "foob");
  EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
  // RFC 7617 example credentials.
  EXPECT_EQ(base64_decode("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), "Aladdin:open sesame");
}

TEST(Base64, RejectsWrongPadding) {
  EXPECT_EQ(base64_decode("Zm9vYg="), std::nullopt);    // one '=' short
  EXPECT_EQ(base64_decode("Zm9vYmE=="), std::nullopt);  // one '=' too many
  EXPECT_EQ(base64_decode("Zm9v===="), std::nullopt);
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt);  // padding in the middle
  EXPECT_EQ(base64_decode("-_-_"), std::nullopt);      // url alphabet
}

TEST(ConstantTime, EqualOnlyForIdenticalInputs) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("Secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secret2"));  // prefix
  EXPECT_FALSE(constant_time_equals("", "a"));
  EXPECT_FALSE(constant_time_equals(std::string_view("a\0", 2), "a"));
}

TEST(Random, TokenIsBase64UrlOfRequestedSize) {
  SystemRandom rng;
  const auto token = random_token(rng);
  EXPECT_EQ(token.size(), 43u);
  ASSERT_TRUE(base64url_decode(token).has_value());
  EXPECT_EQ(base64url_decode(token)->size(), 32u);
  EXPECT_EQ(random_token(rng, 16).size(), 22u);
}

TEST(Random, SystemRandomDoesNotRepeat) {
  SystemRandom rng;
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(random_token(rng, 16));
  EXPECT_EQ(seen.size(), 100u);
}

// SystemRandom hands out a per-thread block of kernel randomness: fills that cross a block
// boundary, fills larger than a block and fills on other threads never repeat bytes.
TEST(Random, SystemRandomDoesNotRepeatAcrossBlocksAndThreads) {
  SystemRandom rng;
  std::set<std::string> seen;
  std::mutex m;
  auto draw = [&](std::size_t n, int count) {
    for (int i = 0; i < count; ++i) {
      auto token = random_token(rng, n);
      std::lock_guard lock(m);
      EXPECT_TRUE(seen.insert(std::move(token)).second);
    }
  };
  draw(24, 50);  // 1200 bytes: several 256-byte blocks, some fills split across two
  draw(300, 5);  // larger than a block: straight from the kernel
  std::thread a([&] { draw(16, 100); });
  std::thread b([&] { draw(16, 100); });
  a.join();
  b.join();
  EXPECT_EQ(seen.size(), 255u);
}

TEST(Clock, FixedClockStandsStillUntilAdvanced) {
  FixedClock clock(from_unix(1'700'000'000));
  EXPECT_EQ(to_unix(clock.now()), 1'700'000'000);
  clock.advance(std::chrono::seconds(60));
  EXPECT_EQ(to_unix(clock.now()), 1'700'000'060);
}

TEST(Result, CarriesValueOrError) {
  Result<int, std::string> good(42);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int, std::string> bad = fail(std::string("nope"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), "nope");
}

}  // namespace
}  // namespace authly::core
