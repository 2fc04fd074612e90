// RFC 3629 §3-4: what a well-formed UTF-8 sequence is, as log escaping and page text rely on it.
#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace authly::core {
namespace {

std::size_t length_of(std::string_view s, std::uint32_t* out = nullptr) {
  std::uint32_t cp = 0;
  const auto n = decode_utf8(s, 0, cp);
  if (out) *out = cp;
  return n;
}

TEST(Utf8, DecodesOneToFourByteSequences) {
  std::uint32_t cp = 0;
  EXPECT_EQ(length_of("A", &cp), 1u);
  EXPECT_EQ(cp, 0x41u);
  EXPECT_EQ(length_of("\xc3\xa9", &cp), 2u);  // U+00E9
  EXPECT_EQ(cp, 0xe9u);
  EXPECT_EQ(length_of("\xe2\x80\xae", &cp), 3u);  // U+202E, the right-to-left override
  EXPECT_EQ(cp, 0x202eu);
  EXPECT_EQ(length_of("\xf0\x9f\x98\x80", &cp), 4u);  // U+1F600
  EXPECT_EQ(cp, 0x1f600u);
}

TEST(Utf8, OverlongFormsAreNotWellFormed) {
  EXPECT_EQ(length_of("\xc0\xaf"), 0u);          // '/' in two bytes
  EXPECT_EQ(length_of("\xe0\x80\xaf"), 0u);      // '/' in three bytes
  EXPECT_EQ(length_of("\xf0\x80\x80\xaf"), 0u);  // '/' in four bytes
}

TEST(Utf8, SurrogatesAndCodePointsAboveU10FFFFAreNotWellFormed) {
  EXPECT_EQ(length_of("\xed\xa0\x80"), 0u);      // U+D800
  EXPECT_EQ(length_of("\xf4\x90\x80\x80"), 0u);  // U+110000
}

TEST(Utf8, TruncatedAndStrayContinuationBytesAreNotWellFormed) {
  EXPECT_EQ(length_of("\xe2\x80"), 0u);      // three-byte lead, two bytes left
  EXPECT_EQ(length_of("\x80"), 0u);          // continuation byte first
  EXPECT_EQ(length_of("\xe2\x41\x80"), 0u);  // lead followed by ASCII
  EXPECT_EQ(length_of("\xff"), 0u);          // never valid in UTF-8
}

}  // namespace
}  // namespace authly::core
