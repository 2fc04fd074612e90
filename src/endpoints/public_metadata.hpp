#pragma once
// Responses for public, cacheable metadata documents (discovery, JWKS): a strong ETag with
// If-None-Match revalidation (RFC 9110 §13.1.2), Cache-Control: public, max-age=300, and
// Access-Control-Allow-Origin: * because browser applications fetch them cross-origin.
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x"; "*" matches any.
bool if_none_match_matches(std::optional<std::string_view> if_none_match, std::string_view etag);

// 200 with `body`, or 304 without one when the request's If-None-Match names `etag`.
http::Response public_metadata(const http::Request& req, std::string body, std::string etag,
                               std::string_view content_type);

}  // namespace authly::endpoints
