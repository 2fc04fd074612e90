#pragma once
// Structured logging: one JSON object per line on stderr (or a human-readable line with
// log_format=text). Callers pass an event name and fields; nothing secret goes in either.
#include <boost/json/object.hpp>
#include <string_view>

namespace authly::observability {

enum class Level { trace, debug, info, warn, error, off };

// level: trace|debug|info|warn|error|off. Safe to call again (tests, reconfiguration).
void init_logging(Level level, bool json);
bool enabled(Level level) noexcept;
void log(Level level, std::string_view event, const boost::json::object& fields = {});

inline void info(std::string_view event, const boost::json::object& fields = {}) { log(Level::info, event, fields); }
inline void warn(std::string_view event, const boost::json::object& fields = {}) { log(Level::warn, event, fields); }
inline void error(std::string_view event, const boost::json::object& fields = {}) { log(Level::error, event, fields); }
inline void debug(std::string_view event, const boost::json::object& fields = {}) { log(Level::debug, event, fields); }

}  // namespace authly::observability
