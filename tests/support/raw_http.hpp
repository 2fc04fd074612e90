#pragma once
// A tiny blocking HTTP/1.1 client over POSIX sockets for tests. It sends exactly the bytes it is
// given (so tests can send malformed or partial requests) and parses one response at a time,
// honouring Content-Length, chunked encoding, or reading to EOF. Every call throws
// std::runtime_error on a socket error, EOF before a complete response, or a receive timeout.
//
//   auto res = authly::test::get(port, "/health/live");
//   EXPECT_EQ(res.status, 200);
//
//   authly::test::RawConnection c(port);             // keep-alive: several requests, one socket
//   auto a = c.request(authly::test::build_request("GET", "/a"));
//   auto b = c.request(authly::test::build_request("GET", "/b"));
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;  // in wire order, names as received
  std::string body;

  // First value of a header (case-insensitive name).
  std::optional<std::string> header(std::string_view name) const;
  std::size_t header_count(std::string_view name) const;
};

// "METHOD target HTTP/1.1" with Host: 127.0.0.1, the extra headers, and Content-Length when the
// body is not empty (or the method is POST/PUT/PATCH). Headers passed in are sent as given, so a
// test can override Host or add Connection: close.
std::string build_request(std::string_view method, std::string_view target, const HeaderList& headers = {},
                          std::string_view body = {});

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; `timeout` bounds every later receive.
  explicit RawConnection(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(std::string_view bytes);
  // Reads one response, skipping 1xx interim responses. `head_request`: the response has no body
  // whatever its Content-Length says (RFC 9112 §6.3).
  HttpResponse read_response(bool head_request = false);
  // send() then read_response(); HEAD is detected from the request line.
  HttpResponse request(std::string_view raw_request);

  // True if the server closes (EOF or reset) within `wait`, discarding anything it sends first;
  // false if the connection is still open after `wait`.
  bool closed_by_peer(std::chrono::milliseconds wait);
  // Half-closes our sending side (the server sees EOF).
  void shutdown_write();

 private:
  bool fill();  // reads more into buffer_; false on EOF
  std::string read_line();
  std::string read_exact(std::size_t n);

  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection (Connection: close).
HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target,
                     const HeaderList& headers = {}, std::string_view body = {});
HttpResponse get(std::uint16_t port, std::string_view target, const HeaderList& headers = {});
// POST with Content-Type: application/x-www-form-urlencoded; `body` is sent as given (already encoded).
HttpResponse post_form(std::uint16_t port, std::string_view target, std::string_view body,
                       const HeaderList& headers = {});

// True if a TCP connection to 127.0.0.1:port is accepted and not immediately closed or reset
// within `wait`. A refused connect gives false.
bool can_connect(std::uint16_t port, std::chrono::milliseconds wait = std::chrono::milliseconds(200));

}  // namespace authly::test
