// Form and query parsing in linear time with a parameter cap (docs/security.md, "Request limits"):
// FormParams refuses more than http::kMaxFormParams parameters before building anything, and
// answers get/count/has and repeat detection from a hash index instead of scanning.
#include <gtest/gtest.h>

#include "http/form.hpp"
#include "http/limits.hpp"

namespace authly::http {
namespace {

std::string params(std::size_t n, std::string_view prefix = "p") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.append(i ? "&" : "").append(prefix).append(std::to_string(i)).append("=v");
  return out;
}

TEST(FormLimits, AcceptsExactlyTheParameterCap) {
  auto r = FormParams::parse(params(kMaxFormParams));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->size(), kMaxFormParams);
}

TEST(FormLimits, RefusesOneParameterOverTheCap) {
  auto r = FormParams::parse(params(kMaxFormParams + 1, "secret"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), kTooManyFormParams);
  EXPECT_EQ(r.error().find("secret"), std::string::npos);  // never quotes the input
}

TEST(FormLimits, RepeatsCountTowardsTheCap) {
  std::string body;
  for (std::size_t i = 0; i <= kMaxFormParams; ++i) body += i ? "&a=1" : "a=1";
  EXPECT_FALSE(FormParams::parse(body).ok());
}

TEST(FormLimits, EmptySegmentsAreNotParameters) {
  // "a&&b": empty segments are skipped, so they are not counted either.
  const std::string body = std::string(5000, '&') + params(kMaxFormParams) + std::string(5000, '&');
  auto r = FormParams::parse(body);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->size(), kMaxFormParams);
}

TEST(FormLimits, FirstRepeatedNamesTheEarliestRepeat) {
  // RFC 6749 §3.1: a parameter must not occur twice. "b" is the first name seen a second time.
  auto r = FormParams::parse("a=1&b=2&c=3&b=4&a=5");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first_repeated(), "b");
  auto none = FormParams::parse("a=1&b=2&c=3");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->first_repeated());
  EXPECT_FALSE(FormParams{}.first_repeated());
}

TEST(FormLimits, IndexAnswersLikeAScanAfterCopyAndMove) {
  auto parsed = FormParams::parse("scope=a&client_id=x&scope=b&e=&f");
  ASSERT_TRUE(parsed.ok());
  const FormParams copy = *parsed;  // the index must not point into the original
  FormParams moved = std::move(*parsed);
  parsed = FormParams{};
  for (const FormParams* f : {&copy, static_cast<const FormParams*>(&moved)}) {
    EXPECT_EQ(f->count("scope"), 2u);
    EXPECT_EQ(f->get("scope"), "a");
    EXPECT_EQ(f->all("scope"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(f->get("client_id"), "x");
    EXPECT_EQ(f->get("e"), "");
    EXPECT_EQ(f->get("f"), "");
    EXPECT_TRUE(f->has("f"));
    EXPECT_FALSE(f->has("state"));
    EXPECT_EQ(f->count("state"), 0u);
    EXPECT_EQ(f->first_repeated(), "scope");
    ASSERT_EQ(f->size(), 5u);
    EXPECT_EQ(f->pairs()[1], FormParams::Pair("client_id", "x"));  // wire order kept
  }
}

}  // namespace
}  // namespace authly::http
