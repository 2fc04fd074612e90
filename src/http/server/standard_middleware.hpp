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

// Adds X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer (codes and tokens must not
// leak through Referer) unless the handler set them.
Middleware security_headers_middleware();

}  // namespace authly::http
