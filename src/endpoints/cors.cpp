#include "endpoints/cors.hpp"

#include <utility>

namespace authly::endpoints {
namespace {

// The one Origin a CORS request carries; nullopt without one. A repeated Origin is not a browser's
// request and matches nothing (it still varies by Origin).
struct OriginHeader {
  bool present = false;
  std::optional<std::string_view> single;
};

OriginHeader origin_of(const http::Request& req) {
  const auto origin = req.header("Origin");
  if (!origin) return {};
  if (req.headers.count("Origin") != 1) return {true, std::nullopt};
  return {true, origin};
}

// Fetch §3.2.5 ("CORS protocol and HTTP caches"): an answer that depends on Origin says so, so
// that no cache hands one origin's answer to another.
void vary_on_origin(http::Response& res) {
  const auto vary = res.headers.get("Vary");
  if (!vary || vary->empty()) {
    res.headers.set("Vary", "Origin");
  } else if (vary->find("Origin") == std::string_view::npos && *vary != "*") {
    res.headers.set("Vary", std::string(*vary) + ", Origin");
  }
}

}  // namespace

void add_cors_headers(http::Response& res, const http::Request& req, const oauth::CorsOrigins& origins,
                      oauth::CorsCallers callers) {
  const auto origin = origin_of(req);
  if (!origin.present) return;  // not a CORS request: the hot path (servers, same-origin calls)
  vary_on_origin(res);
  if (!origin.single || !origins.allows(*origin.single, callers)) return;
  // Fetch §3.2.3: the origin itself, never "*", and no Access-Control-Allow-Credentials.
  res.headers.set("Access-Control-Allow-Origin", std::string(*origin.single));
  // RFC 6750 §3 challenges and 429/503 Retry-After are not CORS-safelisted response headers.
  res.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
}

http::Response cors_preflight(const http::Request& req, const oauth::CorsOrigins& origins, oauth::CorsCallers callers,
                              std::string_view methods) {
  http::Response r;
  r.status = 204;
  r.headers.set("Allow", std::string(methods) + ", OPTIONS");  // RFC 9110 §9.3.7
  const auto origin = origin_of(req);
  if (!origin.present) return r;
  vary_on_origin(r);
  // An origin not allowed gets no allow headers: the browser then fails the preflight and never
  // sends the request itself.
  if (!origin.single || !origins.allows(*origin.single, callers)) return r;
  r.headers.set("Access-Control-Allow-Origin", std::string(*origin.single));
  r.headers.set("Access-Control-Allow-Methods", std::string(methods));
  r.headers.set("Access-Control-Allow-Headers", std::string(kCorsAllowHeaders));
  r.headers.set("Access-Control-Max-Age", std::string(kCorsMaxAge));
  return r;
}

http::Response public_document_preflight(const http::Request&) {
  http::Response r;
  r.status = 204;
  r.headers.set("Allow", "GET, HEAD, OPTIONS");
  r.headers.set("Access-Control-Allow-Origin", "*");
  r.headers.set("Access-Control-Allow-Methods", "GET");
  r.headers.set("Access-Control-Allow-Headers", "If-None-Match");
  r.headers.set("Access-Control-Max-Age", std::string(kCorsMaxAge));
  return r;
}

http::FailureResponse with_cors(http::FailureResponse failure, const oauth::CorsOrigins& origins,
                                oauth::CorsCallers callers) {
  return [failure = std::move(failure), &origins, callers](const http::Request& req) {
    auto r = failure(req);
    add_cors_headers(r, req, origins, callers);
    return r;
  };
}

void add_cors_preflight(http::Router& router, const std::string& path, const oauth::CorsOrigins& origins,
                        oauth::CorsCallers callers, std::string methods) {
  router.add(
      http::Method::options, path,
      [&origins, callers, methods = std::move(methods)](http::Request& req) {
        return cors_preflight(req, origins, callers, methods);
      },
      http::Execution::inline_);
}

}  // namespace authly::endpoints
