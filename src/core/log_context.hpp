#pragma once
// The request a thread is serving, for the log lines written meanwhile: the logger adds its trace
// and request ids to every line, so a line deep in a use-case can be joined to its access-log line.
// The server sets it around the handler (on whichever thread runs it); nothing else needs to pass
// the request down.
#include <string_view>

namespace authly::core {

struct LogContext {
  std::string_view trace_id;    // W3C trace-id, 32 lowercase hex digits
  std::string_view request_id;  // X-Request-ID
};

// The innermost LogScope of this thread, or null outside any request.
const LogContext* current_log_context() noexcept;

// Makes `context` current on this thread until destroyed (then the previous one is back). The
// viewed strings must outlive the scope. Neither copyable nor movable: scopes nest on one thread.
class LogScope {
 public:
  explicit LogScope(LogContext context) noexcept;
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  LogContext context_;
  const LogContext* previous_;
};

}  // namespace authly::core
