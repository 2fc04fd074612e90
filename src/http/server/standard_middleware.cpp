#include "http/server/standard_middleware.hpp"

#include "core/log_context.hpp"
#include "http/trace_context.hpp"

namespace authly::http {
namespace {

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Middleware request_id_middleware(core::Random& rng) {
  return [&rng](Request& req, const Next& next) {
    const auto incoming = req.header("X-Request-ID");
    req.request_id = incoming && req.headers.count("X-Request-ID") == 1 && is_sane_request_id(*incoming)
                         ? std::string(*incoming)
                         : core::random_token(rng, 16);
    Response res = next(req);
    res.headers.set("X-Request-ID", req.request_id);
    return res;
  };
}

Middleware trace_context_middleware() {
  return [](Request& req, const Next& next) {
    // Kept when set: a request moved from the I/O thread to the blocking pool runs the chain again.
    if (!req.trace.has_trace()) {
      std::optional<TraceContext> incoming;
      if (auto value = req.header("traceparent"); value && req.headers.count("traceparent") == 1)
        incoming = parse_traceparent(*value);
      req.trace = incoming ? *incoming : new_trace();
    }
    const core::LogScope scope({req.trace.trace_id_view(), req.request_id});
    return next(req);
  };
}

Middleware security_headers_middleware() {
  return [](Request& req, const Next& next) {
    Response res = next(req);
    if (!res.headers.get("X-Content-Type-Options")) res.headers.set("X-Content-Type-Options", "nosniff");
    if (!res.headers.get("Referrer-Policy")) res.headers.set("Referrer-Policy", "no-referrer");
    return res;
  };
}

}  // namespace authly::http
