#include "support/raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace authly::test {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("raw_http: " + what); }

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;
    ::close(fd);
    fail("connect to 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(err));
  }
  return fd;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (iequals(n, name)) return v;
  return std::nullopt;
}

std::size_t HttpResponse::header_count(std::string_view name) const {
  std::size_t count = 0;
  for (const auto& h : headers) count += iequals(h.first, name) ? 1 : 0;
  return count;
}

std::string build_request(std::string_view method, std::string_view target, const HeaderList& headers,
                          std::string_view body) {
  std::string out;
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  bool has_host = false;
  for (const auto& [n, v] : headers) has_host = has_host || iequals(n, "Host");
  if (!has_host) out += "Host: 127.0.0.1\r\n";
  for (const auto& [n, v] : headers) out.append(n).append(": ").append(v).append("\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out.append(body);
  return out;
}

RawConnection::RawConnection(std::uint16_t port, std::chrono::milliseconds timeout) : fd_(connect_loopback(port)) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(std::string("send: ") + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void RawConnection::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

bool RawConnection::fill() {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) fail("timed out waiting for the server");
    fail(std::string("recv: ") + std::strerror(errno));
  }
}

std::string RawConnection::read_line() {
  for (;;) {
    const std::size_t end = buffer_.find("\r\n");
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 2);
      return line;
    }
    if (!fill()) fail("connection closed in the middle of a response");
  }
}

std::string RawConnection::read_exact(std::size_t n) {
  while (buffer_.size() < n)
    if (!fill()) fail("connection closed before the end of the body");
  std::string out = buffer_.substr(0, n);
  buffer_.erase(0, n);
  return out;
}

HttpResponse RawConnection::read_response(bool head_request) {
  for (;;) {
    HttpResponse res;
    const std::string status_line = read_line();
    // "HTTP/1.1 200 OK"
    if (status_line.size() < 12 || status_line.compare(0, 5, "HTTP/") != 0) fail("bad status line");
    res.status = std::stoi(status_line.substr(9, 3));
    res.reason = status_line.size() > 13 ? status_line.substr(13) : std::string();
    for (std::string line = read_line(); !line.empty(); line = read_line()) {
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) fail("bad header line");
      res.headers.emplace_back(line.substr(0, colon), std::string(trim(std::string_view(line).substr(colon + 1))));
    }
    if (res.status < 200) continue;  // 100 Continue and friends
    if (head_request || res.status == 204 || res.status == 304) return res;

    const auto te = res.header("Transfer-Encoding");
    if (te && iequals(trim(*te), "chunked")) {
      for (;;) {
        const std::size_t size = std::stoul(read_line(), nullptr, 16);
        if (size == 0) {
          while (!read_line().empty()) {
          }
          break;
        }
        res.body += read_exact(size);
        read_line();
      }
    } else if (const auto cl = res.header("Content-Length")) {
      res.body = read_exact(std::stoul(*cl));
    } else {
      while (fill()) {
      }
      res.body = std::move(buffer_);
      buffer_.clear();
    }
    return res;
  }
}

HttpResponse RawConnection::request(std::string_view raw_request) {
  send(raw_request);
  return read_response(raw_request.starts_with("HEAD "));
}

bool RawConnection::closed_by_peer(std::chrono::milliseconds wait) {
  buffer_.clear();
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return true;  // reset
  }
}

HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target, const HeaderList& headers,
                     std::string_view body) {
  HeaderList all = headers;
  all.emplace_back("Connection", "close");
  RawConnection c(port);
  return c.request(build_request(method, target, all, body));
}

HttpResponse get(std::uint16_t port, std::string_view target, const HeaderList& headers) {
  return request(port, "GET", target, headers);
}

HttpResponse post_form(std::uint16_t port, std::string_view target, std::string_view body, const HeaderList& headers) {
  HeaderList all = headers;
  all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return request(port, "POST", target, all, body);
}

bool can_connect(std::uint16_t port, std::chrono::milliseconds wait) {
  int fd = -1;
  try {
    fd = connect_loopback(port);
  } catch (const std::runtime_error&) {
    return false;
  }
  pollfd p{fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(wait.count()));
  ::close(fd);
  return ready == 0;
}

}  // namespace authly::test
