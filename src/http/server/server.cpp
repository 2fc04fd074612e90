#include "http/server/server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>

#include "http/server/blocking_pool.hpp"
#include "http/server/session.hpp"

namespace authly::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// A connection over max_connections gets an answer it can read instead of a bare close: what it
// already sent is read first, so that closing sends a FIN rather than a reset that could discard
// the answer. One non-blocking send of a few bytes into an empty socket buffer; no session is made.
void refuse_over_limit(int fd) {
  static constexpr std::string_view kBody = R"({"error":"temporarily_unavailable"})";
  static const std::string kAnswer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
      "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
      std::to_string(kBody.size()) + "\r\n\r\n" + std::string(kBody);
  char scratch[4096];
  for (int i = 0; i < 4 && ::recv(fd, scratch, sizeof scratch, MSG_DONTWAIT) > 0; ++i) {
  }
  (void)::send(fd, kAnswer.data(), kAnswer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router r, std::vector<Middleware> m)
      : options(std::move(o)),
        router(std::move(r)),
        middleware(std::move(m)),
        pool(std::make_unique<detail::BlockingPool>(options.blocking_threads, options.blocking_queue_limit)),
        ctx(options, router, middleware, *pool),
        loops(make_loops(options.io_threads)),
        control(asio::make_strand(*loops.front())),
        acceptor(control),
        signals(control),
        grace(control),
        backoff(control) {
    ctx.on_drained = [this] { mark_drained(); };
  }

  ~Impl() {
    stop();
    finish();
    // Queued pool jobs hold suspended sessions whose sockets belong to ioc: drop them while it lives.
    pool.reset();
  }

  tcp::endpoint resolve_listen_endpoint(const std::string& where);
  void start();
  void stop();
  void begin_drain();
  void mark_drained();
  void finish();
  asio::awaitable<void> accept_loop();
  void accept_ready();

  ServerOptions options;
  Router router;
  std::vector<Middleware> middleware;
  std::unique_ptr<detail::BlockingPool> pool;
  detail::ServerContext ctx;

  std::mutex state_mutex;
  std::condition_variable state_cv;
  std::atomic<bool> drained{false};  // written under state_mutex
  bool joining = false;              // guarded by state_mutex
  bool joined = false;               // guarded by state_mutex
  std::atomic<bool> started{false};
  std::atomic<bool> stop_requested{false};
  std::uint16_t bound_port = 0;
  bool ipv6 = false;

  // One event loop per I/O thread, each run by its thread alone: a connection lives on one loop,
  // so its handlers never contend for a shared scheduler lock. Profiles showed two threads sharing
  // one io_context spending most of their time in futex waits on its lock.
  static std::vector<std::unique_ptr<asio::io_context>> make_loops(int threads) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < (threads < 1 ? 1 : threads); ++i) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }
  asio::io_context& next_loop() { return *loops[next_loop_index++ % loops.size()]; }

  // Declared after everything a session touches, so that destroying the loops (which destroys
  // sessions still suspended after the grace period) happens first.
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::size_t next_loop_index = 0;                        // used by the accept loop only (on control)
  asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, timers, drain
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  bool signals_caught = false;  // catch_stop_signals() added them before start()
  asio::steady_timer grace;
  asio::steady_timer backoff;
  std::vector<std::thread> threads;
};

// An IP literal, or a host name resolved once at start-up; IPv4 is preferred so that "localhost"
// means 127.0.0.1 whatever order the resolver returns.
tcp::endpoint Server::Impl::resolve_listen_endpoint(const std::string& where) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (!ec) return tcp::endpoint(address, options.port);
  tcp::resolver resolver(*loops.front());
  const auto results = resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
  if (ec || results.empty()) throw std::runtime_error("cannot listen on " + where + ": cannot resolve host");
  for (const auto& entry : results)
    if (entry.endpoint().address().is_v4()) return entry.endpoint();
  return results.begin()->endpoint();
}

void Server::Impl::start() {
  if (started.load()) throw std::logic_error("Server::start called twice");
  const std::string where = options.host + ":" + std::to_string(options.port);
  boost::system::error_code ec;
  const tcp::endpoint endpoint = resolve_listen_endpoint(where);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) acceptor.non_blocking(true, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
  }
  bound_port = acceptor.local_endpoint().port();
  ipv6 = endpoint.protocol() == tcp::v6();

  for (auto& loop : loops) work.emplace_back(loop->get_executor());
  asio::co_spawn(control, accept_loop(), [this](std::exception_ptr e) {
    if (e) ctx.error_log("accept loop ended by an exception");
  });
  started.store(true);
  for (auto& loop : loops) {
    threads.emplace_back([this, ioc = loop.get()] {
      for (;;) {
        try {
          ioc->run();
          return;
        } catch (const std::exception& e) {
          ctx.error_log(std::string("I/O thread caught: ") + e.what());
        }
      }
    });
  }
}

// Accepting with accept4(2) hands sessions a plain descriptor, which keeps Asio types out of the
// private session.hpp and accepts every pending connection per wake-up.
asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    auto [ec] = co_await acceptor.async_wait(tcp::acceptor::wait_read, asio::as_tuple(asio::use_awaitable));
    if (ec || !acceptor.is_open()) co_return;
    accept_ready();
    if (backoff.expiry() > asio::steady_timer::clock_type::now()) {
      co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
      if (!acceptor.is_open()) co_return;
    }
  }
}

void Server::Impl::accept_ready() {
  for (;;) {
    const int fd = ::accept4(acceptor.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        // Out of descriptors or memory: pause instead of spinning on a listener that stays readable.
        ctx.error_log(std::string("accept failed: ") + std::strerror(errno));
        backoff.expires_after(std::chrono::milliseconds(50));
      }
      return;
    }
    ctx.connections_accepted.fetch_add(1);
    if (ctx.connections_open.load() >= options.max_connections) {
      ctx.connections_refused.fetch_add(1);
      refuse_over_limit(fd);  // over the limit: refuse early and cheaply
      continue;
    }
    ctx.connections_open.fetch_add(1);
    detail::spawn_session(next_loop(), ctx, fd, ipv6);
  }
}

void Server::Impl::stop() {
  if (stop_requested.exchange(true)) return;
  if (!started.load()) {
    mark_drained();
    return;
  }
  asio::post(control, [this] { begin_drain(); });
}

void Server::Impl::begin_drain() {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  backoff.cancel();
  signals.cancel(ignored);
  signals.clear(ignored);  // give SIGTERM/SIGINT back their default action
  // Set after closing the acceptor: whoever sees draining() also sees new connections refused.
  ctx.draining.store(true);
  detail::close_idle_sessions(ctx);
  grace.expires_after(options.shutdown_grace);
  grace.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    ctx.error_log("shutdown grace expired with " + std::to_string(ctx.connections_open.load()) +
                  " connection(s) still open");
    mark_drained();
  });
  if (ctx.drained_now()) mark_drained();
}

void Server::Impl::mark_drained() {
  // Sessions closing on I/O threads call this too, possibly while finish() joins those threads:
  // once set, it must not touch the mutex.
  if (drained.load()) return;
  std::lock_guard lock(state_mutex);
  drained.store(true);
  state_cv.notify_all();
}

void Server::Impl::finish() {
  {
    std::unique_lock lock(state_mutex);
    state_cv.wait(lock, [this] { return drained.load(); });
    if (joining) {  // another thread (run_until_stopped or the destructor) is already joining
      state_cv.wait(lock, [this] { return joined; });
      return;
    }
    joining = true;
  }
  work.clear();
  for (auto& loop : loops) loop->stop();
  for (auto& t : threads)
    if (t.joinable()) t.join();
  pool->shutdown();
  {
    std::lock_guard lock(state_mutex);
    joined = true;
  }
  state_cv.notify_all();
}

Server::Server(ServerOptions options, Router router, std::vector<Middleware> middleware)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), std::move(middleware))) {}

Server::~Server() = default;

void Server::start() { impl_->start(); }

void Server::catch_stop_signals() {
  if (impl_->started.load()) throw std::logic_error("Server::catch_stop_signals called after start");
  impl_->signals.add(SIGTERM);
  impl_->signals.add(SIGINT);
  impl_->signals_caught = true;
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run_until_stopped() {
  if (!impl_->started.load() && !impl_->stop_requested.load()) impl_->start();
  Impl* impl = impl_.get();
  asio::post(impl->control, [impl] {
    if (impl->ctx.draining.load() || impl->stop_requested.load()) return;
    if (!impl->signals_caught) {
      impl->signals.add(SIGTERM);
      impl->signals.add(SIGINT);
    }
    impl->signals.async_wait([impl](const boost::system::error_code& ec, int) {
      if (!ec) impl->stop();
    });
  });
  impl->finish();
}

void Server::stop() { impl_->stop(); }

bool Server::draining() const noexcept { return impl_->ctx.draining.load(); }

ServerStats Server::stats() const {
  ServerStats s;
  s.connections_accepted = impl_->ctx.connections_accepted.load();
  s.connections_open = impl_->ctx.connections_open.load();
  s.connections_refused = impl_->ctx.connections_refused.load();
  s.requests = impl_->ctx.requests.load();
  s.blocking_jobs_running = impl_->pool->running();
  s.blocking_jobs_queued = impl_->pool->queued();
  s.blocking_jobs_rejected = impl_->pool->rejected();
  s.blocking_jobs_by_reason = impl_->pool->submitted_by_reason();
  return s;
}

}  // namespace authly::http
