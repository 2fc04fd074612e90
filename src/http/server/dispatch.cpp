#include "http/server/dispatch.hpp"

#include <exception>

#include "core/blocking.hpp"
#include "core/unavailable.hpp"

namespace authly::http::detail {
namespace {

Response server_error(const Request& req, std::string_view what, const ErrorLog& error_log,
                      const FailureResponse& failure) {
  std::string line = "unhandled exception in ";
  line += to_string(req.method);
  line += ' ';
  line += req.path;
  if (!req.request_id.empty()) line += " (request id " + req.request_id + ")";
  line += ": ";
  line += what;
  error_log(line);
  if (failure) return failure(req);
  const std::string description =
      req.request_id.empty() ? "internal error" : "internal error (request id " + req.request_id + ")";
  return Response::json_error(500, "server_error", description);
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += to_string(m);
  }
  return out;
}

// A dependency is down (core/unavailable.hpp): 503 with Retry-After, in the route's own format.
Response unavailable_dependency(const Request& req, std::string_view what, const ErrorLog& error_log,
                                const FailureResponse& failure) {
  error_log("dependency unavailable in " + std::string(to_string(req.method)) + " " + req.path + ": " +
            std::string(what));
  Response res = failure ? failure(req) : Response::json_error(503, "temporarily_unavailable", "");
  res.status = 503;
  res.headers.set("Retry-After", "1");
  return res;
}

template <class F>
Response guarded(Request& req, const ErrorLog& error_log, const FailureResponse& failure, F&& f) {
  try {
    return f();
  } catch (const core::WouldBlock&) {
    throw;  // not a failure: run_inline's caller moves the request to the blocking pool
  } catch (const core::DependencyUnavailable& e) {
    const auto* ex = dynamic_cast<const std::exception*>(&e);
    return unavailable_dependency(req, ex ? ex->what() : "unavailable", error_log, failure);
  } catch (const std::exception& e) {
    return server_error(req, e.what(), error_log, failure);
  } catch (...) {
    return server_error(req, "non-standard exception", error_log, failure);
  }
}

}  // namespace

Dispatch route_request(const Router& router, Request& req, std::string_view encoded_path) {
  RouteMatch match = router.match(req.method, encoded_path);
  if (match.route) {
    req.path_params = std::move(match.params);
    const Route* route = match.route;
    return {[route](Request& r) { return route->handler(r); }, route->execution, route->reason, route->failure,
            route->index};
  }
  if (!match.allowed.empty()) {
    return {[allow = allow_header(match.allowed)](Request&) {
              Response res = Response::json_error(405, "method_not_allowed", "");
              res.headers.set("Allow", allow);
              return res;
            },
            Execution::inline_,
            {},
            {}};
  }
  return {[](Request&) { return Response::json_error(404, "not_found", ""); }, Execution::inline_, {}, {}};
}

Response run_guarded(const std::vector<Middleware>& chain, Request& req, const Next& handler, const ErrorLog& error_log,
                     const FailureResponse& failure) {
  // The inner guard keeps the middlewares' work (request id header, security headers) on the
  // route's failure answer; the outer one catches a middleware that throws.
  const Next inner = [&handler, &error_log, &failure](Request& r) {
    return guarded(r, error_log, failure, [&] { return handler(r); });
  };
  return guarded(req, error_log, FailureResponse{}, [&] { return run_chain(chain, req, inner); });
}

std::optional<Response> run_inline(const std::vector<Middleware>& chain, Request& req, const Next& handler,
                                   const ErrorLog& error_log, const FailureResponse& failure) {
  try {
    core::NonBlockingScope on_io_thread;
    return run_guarded(chain, req, handler, error_log, failure);
  } catch (const core::WouldBlock&) {
    return std::nullopt;
  }
}

Response unavailable(Request&) {
  Response res = Response::json_error(503, "temporarily_unavailable", "");
  res.headers.set("Retry-After", "1");
  return res;
}

}  // namespace authly::http::detail
