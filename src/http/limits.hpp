#pragma once
// Counts a request may carry, stated in one place (docs/security.md, "Request limits"). Each is far
// above what a real client sends and bounds the work one request can cause; going over one is
// answered at once (400, or 431 for header fields) instead of being parsed further.
#include <cstddef>
#include <string_view>

namespace authly::http {

// Form-encoded body or query string parameters (FormParams::parse). The largest real requests
// (an OIDC authorization request with every optional parameter) carry about 25.
inline constexpr std::size_t kMaxFormParams = 100;
// Header fields of one request, counted before the body is read; Envoy's default is the same.
inline constexpr std::size_t kMaxHeaderFields = 100;
// Cookies of one request, over all Cookie fields: twice RFC 6265 §6.1's per-domain minimum, so
// cookies a parent domain sets cannot lock a browser out.
inline constexpr std::size_t kMaxCookies = 100;

}  // namespace authly::http
