#include "observability/logger.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>

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

}  // namespace

void init_logging(Level level, bool json) {
  g_level = level;
  g_json = json;
  logger();
}

bool enabled(Level level) noexcept { return level != Level::off && level >= g_level.load(); }

void log(Level level, std::string_view event, const boost::json::object& fields) {
  if (!enabled(level)) return;
  if (g_json) {
    boost::json::object line;
    line["ts"] = timestamp();
    line["level"] = level_name(level);
    line["event"] = event;
    for (const auto& [k, v] : fields) line[k] = v;
    logger().info(boost::json::serialize(line));
  } else {
    std::string text = timestamp() + " " + std::string(level_name(level)) + " " + std::string(event);
    for (const auto& [k, v] : fields) {
      text += ' ';
      text += k;
      text += '=';
      text += v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
    }
    logger().info(text);
  }
}

}  // namespace authly::observability
