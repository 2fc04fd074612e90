#include "http/cookies.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace authly::http {
namespace {

// Built by moving strings in: GCC 12 -O3 reports a false -Wrestrict on assigning literals to members.
SetCookie cookie(std::string name, std::string value) {
  SetCookie c;
  c.name = std::move(name);
  c.value = std::move(value);
  return c;
}

TEST(Cookies, ParsesPairsAndToleratesSpaces) {
  const Cookies c = Cookies::parse("sid=abc;  csrf = x-1 ;theme=dark");
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c.get("sid"), "abc");
  EXPECT_EQ(c.get("csrf"), "x-1");
  EXPECT_EQ(c.get("theme"), "dark");
  EXPECT_EQ(c.get("none"), std::nullopt);
}

TEST(Cookies, FirstOccurrenceWins) {
  // RFC 6265 §5.4: the user agent lists cookies with longer paths first.
  const Cookies c = Cookies::parse("sid=specific; sid=general");
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.get("sid"), "specific");
}

TEST(Cookies, IgnoresPiecesWithoutNameOrEquals) {
  const Cookies c = Cookies::parse("garbage; =novalue; ok=1; ;");
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.get("ok"), "1");
}

TEST(Cookies, ValueMayContainEqualsAndBeEmpty) {
  const Cookies c = Cookies::parse("a=b=c; e=");
  EXPECT_EQ(c.get("a"), "b=c");
  EXPECT_EQ(c.get("e"), "");
}

TEST(Cookies, NamesAreCaseSensitive) {
  const Cookies c = Cookies::parse("SID=1");
  EXPECT_EQ(c.get("sid"), std::nullopt);
}

TEST(Cookies, FromHeadersReadsEveryCookieField) {
  Headers h;
  h.add("cookie", "a=1");
  h.add("Accept", "x");
  h.add("Cookie", "b=2; a=3");
  const Cookies c = Cookies::from_headers(h);
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("b"), "2");
}

TEST(SetCookie, DefaultsAreHttpOnlyLaxAndRootPath) {
  SetCookie c = cookie("sid", "abc");
  EXPECT_EQ(c.to_header_value(), "sid=abc; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, WritesEveryAttribute) {
  SetCookie c = cookie("__Host-sid", "v");
  c.max_age = std::chrono::seconds(3600);
  c.expires = std::chrono::system_clock::time_point(std::chrono::seconds(784111777));
  c.secure = true;
  c.same_site = SameSite::strict;
  EXPECT_EQ(c.to_header_value(),
            "__Host-sid=v; Path=/; Max-Age=3600; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Secure; HttpOnly; "
            "SameSite=Strict");
}

TEST(SetCookie, NotHttpOnlyWhenAsked) {
  SetCookie c = cookie("ui", "1");
  c.http_only = false;
  c.path = "/account";
  EXPECT_EQ(c.to_header_value(), "ui=1; Path=/account; SameSite=Lax");
}

TEST(SetCookie, RejectsInvalidNames) {
  for (const char* name : {"", "a b", "a=b", "a;b", "a\"b", "a(b", "a\r\nSet-Cookie: x"}) {
    SetCookie c = cookie(name, "v");
    EXPECT_THROW(c.to_header_value(), std::invalid_argument) << name;
  }
}

TEST(SetCookie, RejectsInvalidValues) {
  for (const char* value : {"a b", "a;b", "a,b", "a\\b", "a\"b", "a\r\nX: y", "\x7f"}) {
    SetCookie c = cookie("n", value);
    EXPECT_THROW(c.to_header_value(), std::invalid_argument) << value;
  }
}

TEST(SetCookie, AcceptsQuotedAndEmptyValues) {
  SetCookie c = cookie("n", "\"quoted\"");
  EXPECT_NO_THROW(c.to_header_value());
  c.value = "";
  EXPECT_EQ(c.to_header_value(), "n=; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, RejectsPathWithSemicolonOrControl) {
  SetCookie c = cookie("n", "v");
  c.path = "/a; Domain=evil.example";
  EXPECT_THROW(c.to_header_value(), std::invalid_argument);
  c.path = "/a\n";
  EXPECT_THROW(c.to_header_value(), std::invalid_argument);
}

TEST(SetCookie, SameSiteNoneRequiresSecure) {
  SetCookie c = cookie("n", "v");
  c.same_site = SameSite::none;
  EXPECT_THROW(c.to_header_value(), std::invalid_argument);
  c.secure = true;
  EXPECT_EQ(c.to_header_value(), "n=v; Path=/; Secure; HttpOnly; SameSite=None");
}

TEST(SetCookie, EnforcesCookiePrefixes) {
  SetCookie c = cookie("__Secure-sid", "v");
  EXPECT_THROW(c.to_header_value(), std::invalid_argument);
  c.secure = true;
  EXPECT_NO_THROW(c.to_header_value());

  SetCookie h = cookie("__Host-sid", "v");
  h.secure = true;
  h.path = "/account";
  EXPECT_THROW(h.to_header_value(), std::invalid_argument);
  h.path = "/";
  EXPECT_NO_THROW(h.to_header_value());
}

TEST(SetCookie, RejectsNegativeMaxAge) {
  SetCookie c = cookie("n", "v");
  c.max_age = std::chrono::seconds(-1);
  EXPECT_THROW(c.to_header_value(), std::invalid_argument);
}

TEST(SetCookie, ExpiredTellsTheBrowserToDrop) {
  EXPECT_EQ(SetCookie::expired("sid").to_header_value(),
            "sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
}

TEST(HttpDate, FormatsImfFixdate) {
  EXPECT_EQ(format_http_date(std::chrono::system_clock::time_point(std::chrono::seconds(784111777))),
            "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(std::chrono::system_clock::time_point(std::chrono::seconds(1709164800))),
            "Thu, 29 Feb 2024 00:00:00 GMT");
}

}  // namespace
}  // namespace authly::http
