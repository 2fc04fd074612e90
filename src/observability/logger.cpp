#include "observability/logger.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/log_context.hpp"
#include "core/utf8.hpp"

namespace authly::observability {
namespace {

std::atomic<Level> g_level{Level::info};
std::atomic<bool> g_json{true};

spdlog::logger& logger() {
  // stderr, unbuffered per line; spdlog's mt sink serialises writers.
  static auto instance = [] {
    auto l = spdlog::stderr_logger_mt("authly");
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::trace);
    return l;
  }();
  return *instance;
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::trace:
      return "trace";
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
    case Level::off:
      break;
  }
  return "off";
}

std::string timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

// Beyond ASCII controls: C1 controls (U+0085 is a line break to some readers), the line and
// paragraph separators, and the bidi controls that reorder how a terminal shows the line.
bool is_unsafe_code_point(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char hex_digit(unsigned v) { return "0123456789abcdef"[v & 0xf]; }

// A text-format value: bare when that cannot be misread, otherwise quoted and escaped.
std::string text_value(std::string_view v) {
  bool bare = !v.empty();
  for (unsigned char c : v)
    if (c <= 0x20 || c >= 0x7f || c == '=' || c == '"' || c == '\\') bare = false;
  if (bare) return std::string(v);
  std::string out = "\"";
  for (std::size_t i = 0; i < v.size();) {
    std::uint32_t cp = 0;
    const std::size_t len = core::decode_utf8(v, i, cp);
    const auto byte = static_cast<unsigned char>(v[i]);
    if (len == 0) {
      out += "\\x";
      out += hex_digit(byte >> 4);
      out += hex_digit(byte);
      ++i;
      continue;
    }
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7f) {
      out += "\\x";
      out += hex_digit(byte >> 4);
      out += hex_digit(byte);
    } else if (is_unsafe_code_point(cp)) {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex_digit(cp >> shift);
      out += '}';
    } else {
      out.append(v.substr(i, len));
    }
    i += len;
  }
  out += '"';
  return out;
}

// Boost.JSON escapes '"', '\\' and C0 controls but copies other bytes as they are, so a serialised
// line may still hold invalid UTF-8 (not JSON) or characters that break or reorder the line for a
// reader. Outside strings a serialised line is ASCII, so rewriting those here keeps it valid and
// equivalent: a \uXXXX escape for the unsafe code points, U+FFFD for invalid bytes.
std::string json_safe(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size();) {
    std::uint32_t cp = 0;
    const std::size_t len = core::decode_utf8(line, i, cp);
    if (len == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (cp == 0x7f || is_unsafe_code_point(cp)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex_digit(cp >> shift);
    } else {
      out.append(line.substr(i, len));
    }
    i += len;
  }
  return out;
}

// A value as JSON; a floating-point number in plain decimal notation with at most three decimals
// ("0.664", not Boost.JSON's "6.64E-1"), which every log reader and person can read.
std::string json_value(const boost::json::value& v) {
  if (!v.is_double() || !std::isfinite(v.as_double())) return boost::json::serialize(v);
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double(), std::chars_format::fixed, 3);
  if (ec != std::errc()) return boost::json::serialize(v);
  std::string out(buf, end);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

}  // namespace

std::string format_log_line(Level level, std::string_view event, const boost::json::object& fields, bool json) {
  if (json) {
    boost::json::object line;
    line["ts"] = timestamp();
    line["level"] = level_name(level);
    line["event"] = event;
    for (const auto& [k, v] : fields) line[k] = v;  // a repeated key keeps its last value
    std::string out = "{";
    for (const auto& [k, v] : line) {
      if (out.size() > 1) out += ',';
      out += boost::json::serialize(boost::json::value(boost::json::string_view(k)));
      out += ':';
      out += json_value(v);
    }
    out += '}';
    return json_safe(out);
  }
  std::string text = timestamp() + " " + std::string(level_name(level)) + " " + text_value(event);
  for (const auto& [k, v] : fields) {
    text += ' ';
    text += text_value(k);
    text += '=';
    // Nested values are written as JSON, made safe the same way as a JSON line.
    text += v.is_string() ? text_value(v.as_string()) : json_safe(json_value(v));
  }
  return text;
}

void init_logging(Level level, bool json) {
  g_level = level;
  g_json = json;
  logger();
}

bool enabled(Level level) noexcept { return level != Level::off && level >= g_level.load(); }

void log(Level level, std::string_view event, const boost::json::object& fields) {
  if (!enabled(level)) return;
  const core::LogContext* request = core::current_log_context();
  if (!request) return logger().info(format_log_line(level, event, fields, g_json));
  // Written while serving a request: its ids join the line to the access-log line. The caller's
  // own fields come last and win.
  boost::json::object with;
  with.reserve(fields.size() + 2);
  if (!request->trace_id.empty()) with["trace_id"] = request->trace_id;
  if (!request->request_id.empty()) with["request_id"] = request->request_id;
  for (const auto& [k, v] : fields) with[k] = v;
  logger().info(format_log_line(level, event, with, g_json));
}

}  // namespace authly::observability
