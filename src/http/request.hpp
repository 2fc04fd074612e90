#pragma once
// Plain HTTP request value handed to endpoints. Built by http/server from the wire; endpoints and
// tests never see a socket.
#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "http/headers.hpp"
#include "http/trace_context.hpp"

namespace authly::http {

enum class Method { get, head, post, put, patch, delete_, options, other };

std::string_view to_string(Method m) noexcept;
Method method_from_string(std::string_view s) noexcept;

struct Request {
  Method method = Method::get;
  std::string target;  // as received: path plus optional "?query"
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string after '?', not decoded
  Headers headers;
  std::string body;
  std::string remote_address;  // peer IP; X-Forwarded-For is believed only from trusted proxies
  std::string request_id;      // X-Request-ID (incoming if sane, else generated)
  TraceContext trace;          // W3C traceparent (incoming if valid, else started here)
  std::map<std::string, std::string, std::less<>> path_params;  // filled by the router: "/clients/{id}"

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  std::string_view path_param(std::string_view name) const;
};

}  // namespace authly::http
