#pragma once
// The protocol-free half of serving one request: pick the handler (or the 404/405 answer) and run
// it inside the middleware chain with exceptions turned into 500. No Asio, so it is unit-tested.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"
#include "http/server/middleware.hpp"

namespace authly::http::detail {

using ErrorLog = std::function<void(std::string_view)>;

struct Dispatch {
  Next handler;
  Execution execution = Execution::inline_;
  std::string reason;       // the route's reason for the blocking pool's counters
  FailureResponse failure;  // the route's answer when its handler throws (empty: JSON server_error)
  std::size_t route_slot = static_cast<std::size_t>(-1);  // Route::index; none: no route matched
};

// Routes `encoded_path` (the target's path, still percent-encoded) and stores path parameters in
// `req`. Unknown paths get a 404 {"error":"not_found"} handler, known paths with another method a
// 405 {"error":"method_not_allowed"} handler with an Allow header; both run inline.
Dispatch route_request(const Router& router, Request& req, std::string_view encoded_path);

// Runs `chain` around `handler`: the one error boundary. The exception text of a failure goes to
// `error_log` alone. A handler's exception becomes `failure(req)` (the route's own error shape) or,
// without one, 500 {"error":"server_error"} whose description names only the request id; the
// middlewares still run on it. A middleware's exception (or a throwing `failure`) becomes the
// latter.
Response run_guarded(const std::vector<Middleware>& chain, Request& req, const Next& handler, const ErrorLog& error_log,
                     const FailureResponse& failure = {});

// Runs `chain` around `handler` on the calling I/O thread inside a core::NonBlockingScope: the
// response, or nullopt when the handler reached an operation that would block (core::WouldBlock).
// The caller then runs the request again on the blocking pool with run_guarded.
std::optional<Response> run_inline(const std::vector<Middleware>& chain, Request& req, const Next& handler,
                                   const ErrorLog& error_log, const FailureResponse& failure = {});

// The handler used when the blocking pool is saturated: 503 temporarily_unavailable, Retry-After: 1.
Response unavailable(Request& req);

}  // namespace authly::http::detail
