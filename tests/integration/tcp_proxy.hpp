#pragma once
// A TCP forwarder on 127.0.0.1 for simulating a database that goes away and comes back: stop()
// closes the listener and every forwarded connection (as a server crash would), start() listens
// again on the same port. silence() keeps connections open but drops all traffic (a hung server).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace authly::test {

class TcpProxy {
 public:
  explicit TcpProxy(int upstream_port) : upstream_port_(upstream_port) { start(); }
  ~TcpProxy() { stop(); }
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  int port() const { return port_; }

  void start() {
    if (thread_.joinable()) return;
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 64) != 0) {
      ::close(listener_);
      throw std::runtime_error("TcpProxy: cannot listen");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    if (::pipe(wake_) != 0) throw std::runtime_error("TcpProxy: pipe");
    silent_ = false;
    thread_ = std::thread([this] { loop(); });
  }

  void stop() {
    if (!thread_.joinable()) return;
    char c = 0;
    (void)!::write(wake_[1], &c, 1);
    thread_.join();
    ::close(wake_[0]);
    ::close(wake_[1]);
  }

  void silence() { silent_ = true; }

 private:
  void loop() {
    std::vector<std::pair<int, int>> links;  // (client, upstream)
    for (;;) {
      std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listener_, POLLIN, 0}};
      for (auto [a, b] : links) {
        fds.push_back({a, POLLIN, 0});
        fds.push_back({b, POLLIN, 0});
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) continue;
      if (fds[0].revents != 0) break;
      std::vector<std::pair<int, int>> alive;
      if (fds[1].revents & POLLIN) {
        int client = ::accept(listener_, nullptr, nullptr);
        int upstream = connect_upstream();
        if (client >= 0 && upstream >= 0) {
          alive.emplace_back(client, upstream);
        } else {
          if (client >= 0) ::close(client);
          if (upstream >= 0) ::close(upstream);
        }
      }
      for (std::size_t i = 0; i < links.size(); ++i) {
        bool ok = pump(fds[2 + 2 * i], links[i].second) && pump(fds[3 + 2 * i], links[i].first);
        if (ok) {
          alive.push_back(links[i]);
        } else {
          ::close(links[i].first);
          ::close(links[i].second);
        }
      }
      links = std::move(alive);
    }
    for (auto [a, b] : links) {
      ::close(a);
      ::close(b);
    }
    ::close(listener_);
  }

  // Moves what arrived on `from` to `to`; false when either side is closed.
  bool pump(const pollfd& from, int to) {
    if (from.revents == 0) return true;
    char buf[65536];
    ssize_t n = ::read(from.fd, buf, sizeof buf);
    if (n <= 0) return false;
    if (silent_) return true;
    for (ssize_t off = 0; off < n;) {
      ssize_t w = ::send(to, buf + off, static_cast<size_t>(n - off), MSG_NOSIGNAL);
      if (w <= 0) return false;
      off += w;
    }
    return true;
  }

  int connect_upstream() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(upstream_port_));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }

  int upstream_port_;
  int port_ = 0;
  int listener_ = -1;
  int wake_[2] = {-1, -1};
  std::atomic<bool> silent_{false};
  std::thread thread_;
};

}  // namespace authly::test
