#pragma once
// Where blocking is allowed. The HTTP server runs inline routes on its I/O threads inside a
// NonBlockingScope; every operation that can block (a SQL statement, a Redis command, a due cache
// version check, a password hash, a wait for an outbound fetch) first calls expect_blocking(),
// which inside the scope throws WouldBlock instead of blocking. The server catches it and runs the
// request again on the blocking pool. So a route can be inline whenever its answer usually comes
// from memory, and can never stall an event loop when it does not.
//
// Rule for handlers of inline routes: before the first operation that may block, change nothing
// that a second run would change again (an in-memory cache fill is fine; a counted attempt is not).
namespace authly::core {

// Deliberately not a std::exception: handlers that catch std::exception to answer 500 let it pass.
struct WouldBlock {
  const char* what;  // the blocking work, for logs and counters
};

class NonBlockingScope {
 public:
  NonBlockingScope() noexcept;
  ~NonBlockingScope();
  NonBlockingScope(const NonBlockingScope&) = delete;
  NonBlockingScope& operator=(const NonBlockingScope&) = delete;

 private:
  bool previous_;
};

bool blocking_allowed() noexcept;

// Throws WouldBlock{what} inside a NonBlockingScope; otherwise does nothing.
void expect_blocking(const char* what);

}  // namespace authly::core
