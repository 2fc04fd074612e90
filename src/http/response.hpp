#pragma once
// Plain HTTP response value returned by endpoints.
#include <string>
#include <string_view>

#include "http/headers.hpp"

namespace authly::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false;  // ask the server to close the connection after writing
  // For the access log only, never sent: the client this request authenticated or identified
  // (set by the endpoint once it checked the client exists; empty: none). Never unvalidated input.
  std::string client_id;

  // Content-Type application/json; the body is already serialised JSON.
  static Response json(int status, std::string body);
  static Response text(int status, std::string body);
  static Response html(int status, std::string body);
  // A JSON error body {"error": code, "error_description": description} (RFC 6749 §5.2 shape),
  // Cache-Control: no-store. The server's own 400/404/405/413/431/500/503 answers.
  static Response json_error(int status, std::string_view code, std::string_view description);
};

std::string_view reason_phrase(int status) noexcept;

}  // namespace authly::http
