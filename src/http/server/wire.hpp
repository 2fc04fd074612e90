#pragma once
// Translation between what Beast parsed/serialises and the plain Request/Response values, kept in
// std-only types so the HTTP rules here (origin-form targets, one Host, framing headers, header
// injection) are unit-tested without sockets. session.cpp does the last step to and from Beast.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/headers.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/server/dispatch.hpp"
#include "http/server/proxy_trust.hpp"

namespace authly::http::detail {

struct WireRequest {
  std::string method;
  std::string target;
  unsigned version = 11;  // 10 or 11
  std::vector<Headers::Field> fields;
  std::string body;
};

// Fills `out` (and `encoded_path`, the still-encoded path for the router) from a parsed message.
// Returns a client-safe reason for a 400 when the target is not origin-form (RFC 9112 §3.2.1), the
// path holds an encoded NUL, Host is missing (HTTP/1.1) or repeated (RFC 9112 §3.2), or the
// request carries more than kMaxCookies cookies (http/limits.hpp).
std::optional<std::string> to_request(WireRequest in, std::string_view peer, const ProxyTrust& proxies, Request& out,
                                      std::string& encoded_path);

struct WireResponse {
  int status = 200;
  std::string reason;
  std::vector<Headers::Field> fields;
  std::string body;
};

// Adds the framing the server owns: Content-Length (kept for HEAD, whose body is dropped; absent for
// 1xx/204/304), Connection per `keep_alive` and `version`, and Date unless the handler set one. A
// handler's own Content-Length, Transfer-Encoding or Connection is replaced. A header name that is
// not a token, or a value with CR, LF or another control character (response splitting), turns the
// response into a 500 and is reported to `error_log`.
WireResponse to_wire(Response res, unsigned version, bool head, bool keep_alive, const ErrorLog& error_log);

// RFC 9112 §4 and §5: the status line and header section, ending in the empty line, as sent before
// the body. An unknown status has an empty reason phrase, which §4 allows.
std::string serialize_head(const WireResponse& res, unsigned version);

// RFC 6585 §5 / RFC 9110 §15.5: a reason for a 431 when a request has more header fields than
// kMaxHeaderFields (http/limits.hpp); checked before the body is read.
std::optional<std::string> check_header_field_count(std::size_t fields);

// Method and query-free, decoded path for the access log of a request refused before routing.
struct LoggedTarget {
  std::string method;
  std::string path;
};
LoggedTarget logged_target(std::string_view method, std::string_view target);

}  // namespace authly::http::detail
