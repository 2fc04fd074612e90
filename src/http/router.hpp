#pragma once
// Route table with path parameters ("/oauth/clients/{client_id}"). Plain C++: no Asio, unit-tested
// on its own. A route says whether its handler runs on an I/O thread (inline: moved to the pool
// when it reaches an operation that would block, see core/blocking.hpp) or is offloaded to the
// bounded blocking pool from the start (SQL, Redis, argon2id, libcurl).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::http {

using Handler = std::function<Response(Request&)>;

// What a route answers when its handler throws: the route's own error shape (an OAuth JSON error,
// an HTML page, JSON with CORS headers) for an internal failure. The server logs the exception and
// calls this; it must not throw, and it must not reveal more than the request id. Empty: the
// server's JSON {"error":"server_error"}.
using FailureResponse = std::function<Response(const Request&)>;

enum class Execution { inline_, blocking };

struct Route {
  Method method = Method::get;
  std::string pattern;
  Handler handler;
  Execution execution = Execution::inline_;
  std::string reason;                 // names the blocking work for the pool's counters ("sql", "argon2id"); inline
                                      // routes name what a move to the pool counts as
  std::vector<std::string> segments;  // the pattern split on '/', once, so matching splits only the path
  FailureResponse failure;
  std::size_t index = 0;  // its position in Router::routes(): the route's slot in RequestMetrics
};

struct RouteMatch {
  const Route* route = nullptr;                            // null: no route for this method+path
  std::map<std::string, std::string, std::less<>> params;  // decoded path parameters
  std::vector<Method> allowed;                             // path known, method not: 405 + Allow
};

class Router {
 public:
  // Patterns are absolute paths; a segment "{name}" matches one non-empty segment. Registering the
  // same method+pattern twice throws std::logic_error (a wiring bug, caught at start-up).
  void add(Method method, std::string pattern, Handler handler, Execution execution = Execution::inline_,
           std::string reason = {}, FailureResponse failure = {});
  // `path` is the request path still percent-encoded: it is split on '/' first and each segment
  // decoded after, so "%2F" stays inside a parameter. Literal segments match exactly (a trailing
  // slash is another path); a literal beats a parameter. HEAD falls back to GET when no HEAD route
  // exists (RFC 9110 §9.3.2). `allowed` is filled only when no route matched the method.
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const noexcept { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace authly::http
