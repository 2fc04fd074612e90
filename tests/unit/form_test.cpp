#include "http/form.hpp"

#include <gtest/gtest.h>

namespace authly::http {
namespace {

FormParams parse_ok(std::string_view s) {
  auto r = FormParams::parse(s);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error());
  return r.ok() ? std::move(r).value() : FormParams{};
}

TEST(Form, ParsesPairsInOrder) {
  const FormParams f = parse_ok("grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fc.example%2Fcb");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f.pairs()[0], FormParams::Pair("grant_type", "authorization_code"));
  EXPECT_EQ(f.pairs()[1], FormParams::Pair("code", "abc"));
  EXPECT_EQ(f.get("redirect_uri"), "https://c.example/cb");
  std::vector<std::string> names;
  for (const auto& [k, v] : f) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"grant_type", "code", "redirect_uri"}));
}

TEST(Form, PlusIsSpaceAndPercentDecodes) {
  const FormParams f = parse_ok("scope=openid+profile%20email&na%6De=J%C3%B6rg&plus=%2B");
  EXPECT_EQ(f.get("scope"), "openid profile email");
  EXPECT_EQ(f.get("name"), "J\xC3\xB6rg");
  EXPECT_EQ(f.get("plus"), "+");
}

TEST(Form, RejectsMalformedPercentEncoding) {
  for (std::string_view bad : {"a=%zz", "a=%4", "a=%", "a%=1", "a=%G1"}) {
    auto r = FormParams::parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().find("percent-encoding"), std::string::npos) << r.error();
  }
}

TEST(Form, ErrorMessageNeverQuotesTheInput) {
  auto r = FormParams::parse("client_secret=s3cr3tvalue%zz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().find("s3cr3t"), std::string::npos);
  EXPECT_NE(r.error().find("offset 25"), std::string::npos) << r.error();
}

TEST(Form, RejectsCharactersThatMustBeEncoded) {
  for (std::string_view bad : {"a=b c", "a=[1]", "a=\"x\"", "a=\xC3\xA9", "a=b#c", "a=\n"}) {
    auto r = FormParams::parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().find("must be percent-encoded"), std::string::npos) << r.error();
  }
}

TEST(Form, RejectsEncodedNul) {
  auto r = FormParams::parse("username=admin%00x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("NUL"), std::string::npos);
}

TEST(Form, CountsRepeatedParameters) {
  // RFC 6749 §3.1: request parameters MUST NOT be included more than once; callers need the count.
  const FormParams f = parse_ok("scope=a&client_id=x&scope=b");
  EXPECT_EQ(f.count("scope"), 2u);
  EXPECT_EQ(f.count("client_id"), 1u);
  EXPECT_EQ(f.count("state"), 0u);
  EXPECT_EQ(f.get("scope"), "a");  // the first; a caller that skips count() sees only this
}

TEST(Form, AllReturnsEveryValueInOrder) {
  const FormParams f = parse_ok("resource=https%3A%2F%2Fa&x=1&resource=https%3A%2F%2Fb");
  const auto all = f.all("resource");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], "https://a");
  EXPECT_EQ(all[1], "https://b");
  EXPECT_TRUE(f.all("none").empty());
}

TEST(Form, NamesAreCaseSensitive) {
  const FormParams f = parse_ok("State=1");
  EXPECT_FALSE(f.has("state"));
  EXPECT_TRUE(f.has("State"));
}

TEST(Form, NameWithoutEqualsHasEmptyValue) {
  const FormParams f = parse_ok("prompt&nonce=");
  EXPECT_TRUE(f.has("prompt"));
  EXPECT_EQ(f.get("prompt"), "");
  EXPECT_EQ(f.get("nonce"), "");
}

TEST(Form, SkipsEmptySegmentsAndEmptyInput) {
  EXPECT_TRUE(parse_ok("").empty());
  const FormParams f = parse_ok("a=1&&b=2&");
  EXPECT_EQ(f.size(), 2u);
  EXPECT_EQ(f.get("b"), "2");
}

TEST(Form, ValueMayContainEqualsAndQueryCharacters) {
  const FormParams f = parse_ok("state=a=b/c?d:e@f");
  EXPECT_EQ(f.get("state"), "a=b/c?d:e@f");
}

TEST(Form, EncodeFormPercentEncodesEverythingButUnreserved) {
  EXPECT_EQ(encode_form({{"a b", "x+y&z=1"}, {"name", "J\xC3\xB6rg"}, {"keep", "AZaz09-._~"}}),
            "a+b=x%2By%26z%3D1&name=J%C3%B6rg&keep=AZaz09-._~");
  EXPECT_EQ(encode_form({}), "");
}

TEST(Form, EncodeThenParseRoundTrips) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"redirect_uri", "https://c.example/cb?x=1&y=2#f"}, {"state", "a b+c%d"}, {"empty", ""}};
  const FormParams f = parse_ok(encode_form(pairs));
  ASSERT_EQ(f.size(), 3u);
  for (std::size_t i = 0; i < pairs.size(); ++i) EXPECT_EQ(f.pairs()[i], pairs[i]);
}

TEST(Form, AppendQueryStartsAQuery) {
  EXPECT_EQ(append_query("https://c.example/cb", {{"code", "abc"}, {"state", "s 1"}}),
            "https://c.example/cb?code=abc&state=s+1");
}

TEST(Form, AppendQueryKeepsExistingQuery) {
  // RFC 6749 §3.1.2: the redirection endpoint's query component must be retained.
  EXPECT_EQ(append_query("https://c.example/cb?tenant=7", {{"code", "abc"}}), "https://c.example/cb?tenant=7&code=abc");
  EXPECT_EQ(append_query("https://c.example/cb?", {{"code", "abc"}}), "https://c.example/cb?code=abc");
  EXPECT_EQ(append_query("https://c.example/cb?a=1&", {{"code", "abc"}}), "https://c.example/cb?a=1&code=abc");
}

TEST(Form, AppendQueryPutsParametersBeforeTheFragment) {
  EXPECT_EQ(append_query("https://c.example/cb?a=1#frag", {{"code", "x"}}), "https://c.example/cb?a=1&code=x#frag");
  EXPECT_EQ(append_query("https://c.example/cb#frag", {{"code", "x"}}), "https://c.example/cb?code=x#frag");
}

TEST(Form, AppendQueryWithNoPairsLeavesUriAlone) {
  EXPECT_EQ(append_query("https://c.example/cb?a=1", {}), "https://c.example/cb?a=1");
}

TEST(Form, PercentDecodeIsStrict) {
  EXPECT_EQ(percent_decode("a%20b+c"), "a b+c");
  EXPECT_EQ(percent_decode("%zz"), std::nullopt);
  EXPECT_EQ(percent_decode("%2"), std::nullopt);
  EXPECT_EQ(percent_decode("a%00"), std::nullopt);
}

}  // namespace
}  // namespace authly::http

namespace authly::http {
namespace {

// RFC 9110 §8.3.1: the media type is compared without case, parameters and whitespace aside; a
// longer type that merely starts with the form's name is another type.
TEST(FormContentType, OnlyTheFormMediaTypeIsAForm) {
  EXPECT_TRUE(is_form_urlencoded("application/x-www-form-urlencoded"));
  EXPECT_TRUE(is_form_urlencoded("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
  EXPECT_TRUE(is_form_urlencoded(" application/x-www-form-urlencoded ;charset=utf-8"));
  EXPECT_FALSE(is_form_urlencoded("application/x-www-form-urlencodedX"));
  EXPECT_FALSE(is_form_urlencoded("application/x-www-form-urlencoded-extra; charset=UTF-8"));
  EXPECT_FALSE(is_form_urlencoded("application/json"));
  EXPECT_FALSE(is_form_urlencoded(""));
  EXPECT_FALSE(is_form_urlencoded(std::nullopt));
}

}  // namespace
}  // namespace authly::http

namespace authly::http {
namespace {

// Found by fuzz/form_fuzzer: Boost.URL's parse_query measured its input with strlen(), so a view
// into a longer buffer was read up to the next NUL and a default-constructed view crashed.
TEST(Form, ReadsOnlyTheViewItIsGiven) {
  const std::string buffer = "a=1x&b=2";
  auto params = FormParams::parse(std::string_view(buffer).substr(0, 3));
  ASSERT_TRUE(params.ok());
  ASSERT_EQ(params->size(), 1u);
  EXPECT_EQ(params->get("a"), "1");

  auto none = FormParams::parse(std::string_view{});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace authly::http
