// Log lines cannot be forged or broken by request input (docs/security.md): in both formats a
// value holding CR, LF, other control characters, bidi controls or invalid UTF-8 stays on its
// line, text values cannot add key=value pairs, and a JSON line is always valid JSON.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "observability/logger.hpp"

namespace authly::observability {
namespace {

constexpr std::string_view kRlo = "\xe2\x80\xae";  // U+202E RIGHT-TO-LEFT OVERRIDE

bool has_raw_control(std::string_view line) {
  for (unsigned char c : line)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

// CR LF and a forged line, an ANSI escape, U+0085 NEXT LINE, U+202E, invalid UTF-8, quote, backslash.
const std::string kHostile =
    "/a\r\n2030-01-01T00:00:00.000Z info forged user=admin\x1b[2J\xc2\x85\xe2\x80\xae\xff\xc0 \"q\" \\";

TEST(LogEscaping, TextLineHasNoRawControlCharacters) {
  const std::string line = format_log_line(Level::info, "http.request", {{"path", kHostile}, {"status", 404}}, false);
  EXPECT_FALSE(has_raw_control(line)) << line;
  EXPECT_EQ(line.find(kRlo), std::string::npos) << line;
  EXPECT_EQ(line.find('\xff'), std::string::npos) << line;
  EXPECT_NE(line.find("\\r\\n2030"), std::string::npos) << line;  // still readable
  EXPECT_NE(line.find("status=404"), std::string::npos) << line;
}

TEST(LogEscaping, TextValueCannotAddFields) {
  const std::string line =
      format_log_line(Level::info, "http.request", {{"path", "/x status=200 user=admin"}, {"empty", ""}}, false);
  EXPECT_NE(line.find(R"(path="/x status=200 user=admin")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(empty="")"), std::string::npos) << line;
  const std::string quoted = format_log_line(Level::info, "e", {{"v", "a\"b\\c"}}, false);
  EXPECT_NE(quoted.find(R"(v="a\"b\\c")"), std::string::npos) << quoted;
}

TEST(LogEscaping, PlainTextValuesStayBare) {
  const std::string line = format_log_line(Level::warn, "e", {{"path", "/health/live"}, {"n", 3}}, false);
  EXPECT_NE(line.find(" warn e path=/health/live n=3"), std::string::npos) << line;
}

TEST(LogEscaping, JsonLineIsValidJsonOnOneLine) {
  const std::string line = format_log_line(Level::info, "http.request", {{"path", kHostile}}, true);
  EXPECT_FALSE(has_raw_control(line)) << line;
  EXPECT_EQ(line.find(kRlo), std::string::npos) << line;
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);  // Boost.JSON refuses invalid UTF-8
  ASSERT_FALSE(ec) << ec.message() << ": " << line;
  const std::string path(v.at("path").as_string());
  EXPECT_EQ(path.substr(0, 4), "/a\r\n");         // JSON escapes are lossless for control characters
  EXPECT_NE(path.find(kRlo), std::string::npos);  // and bidi controls come back as \u202e escapes
  EXPECT_EQ(v.at("event").as_string(), "http.request");
}

TEST(LogEscaping, NestedValuesAreEscapedToo) {
  boost::json::object fields{{"detail", boost::json::array{kHostile}}};
  const std::string text = format_log_line(Level::info, "e", fields, false);
  EXPECT_FALSE(has_raw_control(text)) << text;
  EXPECT_EQ(text.find(kRlo), std::string::npos) << text;
  const std::string json = format_log_line(Level::info, "e", fields, true);
  boost::system::error_code ec;
  boost::json::parse(json, ec);
  EXPECT_FALSE(ec) << json;
}

}  // namespace
TEST(LogLine, DurationsArePlainDecimals) {
  const auto line =
      format_log_line(Level::info, "http.request",
                      {{"duration_ms", 0.66398}, {"slow_ms", 1234.5}, {"status", 200}, {"tiny", 1e-9}}, true);
  EXPECT_NE(line.find(R"("duration_ms":0.664,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("slow_ms":1234.5,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("status":200,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("tiny":0})"), std::string::npos) << line;
  EXPECT_EQ(line.find("E-"), std::string::npos) << line;
}

}  // namespace authly::observability
