#pragma once
// 429 Too Many Requests (RFC 6585 §4) with Retry-After (RFC 9110 §10.2.3), for the per-IP limits
// (oauth/per_ip_limits.hpp): a page for browsers, an OAuth-style JSON error for API callers.
#include <chrono>

#include "http/response.hpp"

namespace authly::endpoints {

// The HTML error page; the request is not sent back to the (not yet validated) client.
http::Response too_many_requests_page(std::chrono::seconds retry_after);

// {"error":"temporarily_unavailable", ...} with Cache-Control: no-store.
http::Response too_many_requests_json(std::chrono::seconds retry_after);

}  // namespace authly::endpoints
