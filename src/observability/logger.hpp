#pragma once
// Structured logging: one JSON object per line on stderr (or a human-readable line with
// log_format=text). Callers pass an event name and fields; nothing secret goes in either. Field
// values may hold request input (paths, user agents, log-only error details): every line is
// escaped so that input can neither start a new line nor forge fields (CWE-117).
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace authly::observability {

enum class Level { trace, debug, info, warn, error, off };

// level: trace|debug|info|warn|error|off. Safe to call again (tests, reconfiguration).
void init_logging(Level level, bool json);
bool enabled(Level level) noexcept;
// Inside a request (core/log_context.hpp) the line also carries that request's trace_id and
// request_id, unless `fields` names them.
void log(Level level, std::string_view event, const boost::json::object& fields = {});

// The line log() writes, without its newline. json: a JSON object with "ts", "level", "event" and
// the fields, always valid JSON (invalid UTF-8 becomes U+FFFD) with C0/C1 controls, U+2028/2029 and
// bidi controls written as \u escapes. text: "<ts> <level> <event> key=value ...", where a value
// is written bare when it is printable ASCII without space, '=', '"' or '\', and otherwise
// double-quoted with '"' and '\' backslash-escaped, control characters as \n \r \t or \xNN,
// invalid UTF-8 bytes as \xNN, and C1, separator and bidi characters as \u{NNNN}.
std::string format_log_line(Level level, std::string_view event, const boost::json::object& fields, bool json);

inline void info(std::string_view event, const boost::json::object& fields = {}) { log(Level::info, event, fields); }
inline void warn(std::string_view event, const boost::json::object& fields = {}) { log(Level::warn, event, fields); }
inline void error(std::string_view event, const boost::json::object& fields = {}) { log(Level::error, event, fields); }
inline void debug(std::string_view event, const boost::json::object& fields = {}) { log(Level::debug, event, fields); }

}  // namespace authly::observability
