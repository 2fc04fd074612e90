#pragma once
// Private to http/server: the state shared by Server, its listener and the per-connection sessions.
// Asio stays out of this header; io_context is only forward-declared.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "http/server/blocking_pool.hpp"
#include "http/server/dispatch.hpp"
#include "http/server/proxy_trust.hpp"
#include "http/server/server.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace authly::http::detail {

class Connection;

// Outlives every connection: Server destroys its io_context (and with it any session left over
// after the shutdown grace) before this.
struct ServerContext {
  ServerContext(const ServerOptions& options, const Router& router, const std::vector<Middleware>& middleware,
                BlockingPool& pool);

  const ServerOptions& options;
  const Router& router;
  const std::vector<Middleware>& middleware;
  BlockingPool& pool;
  const ProxyTrust proxies;
  const ErrorLog error_log;  // options.error_log, or stderr

  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> connections_open{0};     // incremented by the listener, decremented by ~Connection
  std::atomic<std::uint64_t> connections_refused{0};  // over max_connections: answered 503 and closed
  std::atomic<std::uint64_t> requests{0};
  std::function<void()> on_drained;  // called (maybe more than once) when draining and no connection is left

  std::mutex mutex;  // guards connections
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections;

  // True when draining and no connection is left; the caller then runs on_drained.
  bool drained_now();
};

// Serves one accepted TCP connection on `ioc` (run by one thread) until it closes. Takes ownership of `fd`
// (connected, non-blocking) and of one connections_open count.
void spawn_session(boost::asio::io_context& ioc, ServerContext& ctx, int fd, bool ipv6);

// Closes every connection that is waiting for its next request; the others close after their
// current response (which says Connection: close).
void close_idle_sessions(ServerContext& ctx);

}  // namespace authly::http::detail
