#pragma once
// Middleware every Authly server installs, in this order: request id first, so everything after it
// (including the server's own 500 answer) can name the request.
#include "core/random.hpp"
#include "http/server/middleware.hpp"

namespace authly::http {

// Keeps an incoming X-Request-ID of 1..128 characters from [A-Za-z0-9._-] (anything else could
// inject into logs), otherwise generates one (16 random bytes, base64url); sets req.request_id and
// echoes it as X-Request-ID on the response. A repeated X-Request-ID is replaced too. `rng` must
// outlive the middleware and be thread-safe.
Middleware request_id_middleware(core::Random& rng);

// W3C Trace Context (https://www.w3.org/TR/trace-context/): sets req.trace from one valid
// `traceparent` header (http/trace_context.hpp), or starts a new trace when there is none, it is
// invalid or repeated (§3.2: one value per request), so every request has a trace id. Runs the rest
// of the chain inside a core::LogScope, so log lines written meanwhile name the trace and the
// request id: install it after request_id_middleware. Sends no traceparent back: Level 1 defines it
// as a request header only, and X-Request-ID already gives the caller a handle on the request.
Middleware trace_context_middleware();

// Adds X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer (codes and tokens must not
// leak through Referer) unless the handler set them.
Middleware security_headers_middleware();

}  // namespace authly::http
