#pragma once
// The HTTP/1.1 server. Beast and Asio live only in the .cpp files of this folder (pimpl), so no other
// room pays their compile time.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/server/middleware.hpp"
#include "http/server/router.hpp"

namespace authly::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0: pick a free port (tests)
  int io_threads = 2;
  int blocking_threads = 8;
  std::size_t blocking_queue_limit = 1024;  // offloaded jobs waiting beyond this are answered 503
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout{10'000};  // slow clients (slowloris): whole header within this
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{15'000};  // drain in-flight requests for at most this long
  std::vector<std::string> trusted_proxies;          // IPs whose X-Forwarded-For is believed
};

// Counters the server keeps, readable for /metrics.
struct ServerStats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_open = 0;
  std::uint64_t requests = 0;
  std::uint64_t blocking_jobs_running = 0;
  std::uint64_t blocking_jobs_queued = 0;
  std::uint64_t blocking_jobs_rejected = 0;
};

class Server {
 public:
  Server(ServerOptions options, Router router, std::vector<Middleware> middleware);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error naming the address if that fails.
  void start();
  std::uint16_t port() const;  // the bound port, after start()
  // Blocks until SIGTERM/SIGINT or stop(): stops accepting, reports draining, lets in-flight
  // requests finish (up to shutdown_grace), closes idle keep-alive connections, joins threads.
  void run_until_stopped();
  void stop();  // thread-safe; begins the graceful shutdown
  bool draining() const noexcept;
  ServerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace authly::http
