#pragma once
// The HTTP/1.1 server. Beast and Asio live only in the .cpp files of this folder (pimpl), so no other
// room pays their compile time.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request_metrics.hpp"
#include "http/router.hpp"
#include "http/server/middleware.hpp"
#include "http/trace_context.hpp"

namespace authly::http {

// One line of the access log, handed to ServerOptions::access_log after a response was written.
struct AccessLogEntry {
  std::string method;  // empty when the request line could not be parsed
  std::string path;    // decoded path WITHOUT the query: queries carry codes and tokens
  std::string route;   // the matched route's template ("/oauth/clients/{client_id}"); empty: none
  int status = 0;
  std::uint64_t bytes = 0;     // response body bytes sent (0 for HEAD)
  double duration_ms = 0;      // from the complete request header to the last byte written
  std::string remote_address;  // as in Request::remote_address
  std::string request_id;      // as set by the middleware; empty if none ran
  std::string user_agent;
  // W3C Trace Context: the request's trace (the caller's traceparent or one started by the
  // middleware); a new trace when no middleware ran (a request the server refused itself).
  TraceContext trace;
  std::string client_id;  // Response::client_id: the client the endpoint authenticated or identified
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0: pick a free port (tests)
  int io_threads = 2;
  int blocking_threads = 8;
  std::size_t blocking_queue_limit = 1024;  // offloaded jobs waiting beyond this are answered 503
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // Beyond this many open connections a new one is answered 503 + Retry-After at once and closed,
  // without a session (no buffers, no timers).
  std::size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout{10'000};  // slow clients (slowloris): whole header within this
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{15'000};  // drain in-flight requests for at most this long
  // IPs or CIDR ranges ("10.0.0.0/8") whose X-Forwarded-For is believed; the client is the last
  // untrusted address in that list. An invalid entry makes the Server constructor throw
  // std::invalid_argument.
  std::vector<std::string> trusted_proxies;
  // Called on an I/O thread after every response is written (also for 400/408/413/431/503 answers
  // the server makes itself). Must be thread-safe and must not block. Empty: no access log.
  std::function<void(const AccessLogEntry&)> access_log;
  // Where handler exception texts and server faults go (never to the client). Empty: stderr.
  std::function<void(std::string_view)> error_log;
  // Counts every response by route and status class with its latency (for /metrics); sized for
  // the router's routes. Null: not counted.
  std::shared_ptr<RequestMetrics> request_metrics;
};

// Counters the server keeps, readable for /metrics.
struct ServerStats {
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_open = 0;
  std::uint64_t connections_refused = 0;  // over max_connections
  std::uint64_t requests = 0;
  std::uint64_t blocking_jobs_running = 0;
  std::uint64_t blocking_jobs_queued = 0;
  std::uint64_t blocking_jobs_rejected = 0;
  std::vector<std::pair<std::string, std::uint64_t>> blocking_jobs_by_reason;  // submitted, per Route::reason
};

class Server {
 public:
  Server(ServerOptions options, Router router, std::vector<Middleware> middleware);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the io_threads, so requests are served from here on; throws
  // std::runtime_error naming the address if binding fails. `host` is an IP literal or a name
  // resolved once here (IPv4 preferred: "localhost" binds 127.0.0.1).
  void start();
  // Takes SIGTERM/SIGINT from now on (a signal arriving before run_until_stopped() waits is kept
  // for it). Call before start(), from the thread that owns the server: once the port answers,
  // a supervisor's SIGTERM must mean a graceful stop, not the default kill.
  void catch_stop_signals();
  std::uint16_t port() const;  // the bound port, after start()
  // Calls start() if needed, then blocks until SIGTERM/SIGINT or stop(): stops accepting, reports
  // draining, lets in-flight requests finish (up to shutdown_grace), closes idle keep-alive
  // connections, answers requests already arriving with Connection: close, joins the I/O threads
  // and the blocking pool. Not to be called from a handler.
  void run_until_stopped();
  void stop();  // thread-safe and idempotent; begins the graceful shutdown and returns
  // True once the listener is closed (readiness probes answer 503 from then on).
  bool draining() const noexcept;
  ServerStats stats() const;
  // The destructor performs stop() and waits for the drain like run_until_stopped().

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace authly::http
