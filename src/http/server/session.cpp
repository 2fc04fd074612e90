#include "http/server/session.hpp"

#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <tuple>

#include "http/server/wire.hpp"
#include "http/trace_context.hpp"

namespace authly::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kNoRoute = static_cast<std::size_t>(-1);  // a RequestMetrics slot: no route matched

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;
constexpr std::size_t kIdleReadChunk = 512;
// After refusing a request whose rest is still arriving, read and drop it briefly so that closing
// does not reset the connection before the client has read our answer.
constexpr std::chrono::milliseconds kLingerTime{500};
constexpr std::size_t kLingerBytes = 256 * 1024;

}  // namespace

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerContext& context, tcp::socket socket, std::string peer_address)
      : ctx(context), stream(std::move(socket)), deadline(stream.get_executor()), peer(std::move(peer_address)) {}

  ~Connection() {
    ctx.connections_open.fetch_sub(1);
    {
      std::lock_guard lock(ctx.mutex);
      ctx.connections.erase(this);
    }
    if (ctx.drained_now()) ctx.on_drained();
  }

  // The header-phase and idle deadlines are our own timer rather than tcp_stream's: on expiry it
  // cancels the read but keeps the socket open, so a half-received request can still be answered
  // 408. arm() records when the current wait must end; the one pending timer, when it fires before
  // that, waits again for the rest. So a keep-alive request costs no timer operation: the timer is
  // reset only when a deadline is earlier than its expiry (a new connection, a partial header).
  void arm(std::chrono::milliseconds timeout) {
    deadline_hit = false;
    deadline_at = Clock::now() + timeout;
    if (!timer_pending || timer_expiry > deadline_at) start_timer(deadline_at);
  }

  // Nothing to watch until the next arm(); a pending timer finds that out when it fires.
  void disarm() { deadline_at = Clock::time_point::max(); }

  // The session is over: release the timer now rather than when it would have fired.
  void stop_timer() {
    ++timer_generation;
    timer_pending = false;
    deadline.cancel();
  }

  void close_if_idle() {
    if (idle) stream.close();
  }

  ServerContext& ctx;
  beast::tcp_stream stream;
  asio::steady_timer deadline;
  beast::flat_buffer buffer;
  const std::string peer;
  // Touched only on the connection's loop thread.
  bool idle = false;
  bool deadline_hit = false;
  Clock::time_point deadline_at = Clock::time_point::max();
  bool timer_pending = false;
  Clock::time_point timer_expiry;
  std::uint64_t timer_generation = 0;  // a reset timer's aborted wait is told apart by this

 private:
  void start_timer(Clock::time_point at) {
    const std::uint64_t generation = ++timer_generation;
    timer_pending = true;
    timer_expiry = at;
    deadline.expires_at(at);
    deadline.async_wait([weak = weak_from_this(), generation](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (!self || generation != self->timer_generation) return;
      self->timer_pending = false;
      if (ec || self->deadline_at == Clock::time_point::max()) return;
      if (Clock::now() < self->deadline_at) {
        self->start_timer(self->deadline_at);
        return;
      }
      self->deadline_hit = true;
      boost::system::error_code ignored;
      self->stream.socket().cancel(ignored);
    });
  }
};

namespace {

WireRequest from_beast(bhttp::request<bhttp::string_body>&& in) {
  WireRequest out;
  out.method = std::string(std::string_view(in.method_string()));
  out.target = std::string(std::string_view(in.target()));
  out.version = in.version();
  for (const auto& field : in)
    out.fields.emplace_back(std::string(std::string_view(field.name_string())),
                            std::string(std::string_view(field.value())));
  out.body = std::move(in.body());
  return out;
}

LoggedTarget target_of(const bhttp::request<bhttp::string_body>& in) {
  return logged_target(std::string_view(in.method_string()), std::string_view(in.target()));
}

struct Exchange {
  Request req;
  Response res;
  bool admitted = false;
};

// Runs the chain on the blocking pool and resumes the coroutine on the connection's loop. The
// completion handler is parked in a shared Job because the pool takes copyable functions.
template <class Token>
auto async_offload(std::shared_ptr<Connection> conn, Request req, Dispatch dispatch, Token&& token) {
  auto initiation = [](auto completion, std::shared_ptr<Connection> c, Request r, Dispatch d) {
    using Handler = decltype(completion);
    struct Job {
      Handler handler;
      Exchange exchange;
    };
    auto job = std::make_shared<Job>(Job{std::move(completion), Exchange{std::move(r), {}, false}});
    auto resume = [job, executor = c->stream.get_executor()] {
      asio::post(executor, [job] { std::move(job->handler)(std::move(job->exchange)); });
    };
    ServerContext& ctx = c->ctx;
    auto work = [job, &ctx, handler = std::move(d.handler), failure = std::move(d.failure)] {
      job->exchange.res = run_guarded(ctx.middleware, job->exchange.req, handler, ctx.error_log, failure);
      job->exchange.admitted = true;
    };
    if (!ctx.pool.try_submit(d.reason, std::move(work), resume)) resume();
  };
  return asio::async_initiate<Token, void(Exchange)>(std::move(initiation), token, std::move(conn), std::move(req),
                                                     std::move(dispatch));
}

// Counts the answered request (RequestMetrics, by route and status class) and writes its access-log
// line. `route_slot` is Route::index, or anything beyond the routes when none matched.
void log_access(ServerContext& ctx, std::string_view method, std::string_view path, std::size_t route_slot, int status,
                std::uint64_t bytes, Clock::time_point started, const Connection& conn, const Request* req,
                std::string client_id = {}) {
  ctx.requests.fetch_add(1, std::memory_order_relaxed);
  const auto elapsed = Clock::now() - started;
  if (ctx.options.request_metrics) ctx.options.request_metrics->record(route_slot, status, elapsed);
  if (!ctx.options.access_log) return;
  AccessLogEntry e;
  e.method = std::string(method);
  e.path = std::string(path);
  const auto& routes = ctx.router.routes();
  if (route_slot < routes.size()) e.route = routes[route_slot].pattern;
  e.status = status;
  e.bytes = bytes;
  e.duration_ms = std::chrono::duration<double, std::milli>(elapsed).count();
  e.remote_address = req ? req->remote_address : conn.peer;
  if (req) {
    e.request_id = req->request_id;
    if (auto ua = req->header("User-Agent")) e.user_agent = std::string(*ua);
    e.trace = req->trace;
  }
  if (!e.trace.has_trace()) e.trace = new_trace();  // every access line names a trace
  e.client_id = std::move(client_id);
  ctx.options.access_log(e);
}

// Sends the head and body. A response that fits in the socket's send buffer (nearly all of them)
// leaves in one non-blocking sendmsg with no timer armed; only the rest of a larger one waits,
// bounded by write_timeout.
asio::awaitable<beast::error_code> write_response(std::shared_ptr<Connection> conn, const std::string& head,
                                                  const std::string& body) {
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
  const std::size_t total = head.size() + body.size();
  beast::error_code ec;
  std::size_t sent = conn->stream.socket().write_some(buffers, ec);
  if (!ec && sent == total) co_return ec;
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    sent = 0;
  } else if (ec) {
    co_return ec;
  }
  beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(buffers);
  rest.consume(sent);
  conn->stream.expires_after(conn->ctx.options.write_timeout);
  auto [wec, wn] = co_await asio::async_write(conn->stream, rest, kUseTuple);
  conn->stream.expires_never();
  co_return wec;
}

asio::awaitable<void> linger_close(std::shared_ptr<Connection> conn) {
  beast::error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.expires_after(kLingerTime);
  std::array<char, kReadChunk> scratch;
  for (std::size_t drained = 0; drained < kLingerBytes;) {
    auto [read_ec, n] = co_await conn->stream.async_read_some(asio::buffer(scratch), kUseTuple);
    if (read_ec) break;
    drained += n;
  }
  conn->stream.close();
}

// A request the server answers itself, before routing, and then closes the connection.
struct Refusal {
  int status = 0;  // 0: nothing to answer (the peer left, or the socket failed)
  std::string description;
  LoggedTarget target;
};

bool is_protocol_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

Refusal refusal_for(const beast::error_code& ec, bool header_timed_out,
                    const bhttp::request<bhttp::string_body>& partial) {
  if (header_timed_out) return {408, "request header not received in time", target_of(partial)};
  if (ec == bhttp::error::header_limit) return {431, "request header too large", {}};
  if (ec == bhttp::error::body_limit) return {413, "request body too large", target_of(partial)};
  if (is_protocol_error(ec)) return {400, "malformed HTTP request", target_of(partial)};
  return {};
}

// Callers pass named values: GCC 12 mishandles class-type temporaries as coroutine arguments
// (PR 99576, a double destruction).
asio::awaitable<void> reject(std::shared_ptr<Connection> conn, Refusal refusal, Clock::time_point started) {
  Response res = Response::json_error(refusal.status, "invalid_request", refusal.description);
  res.headers.set("X-Content-Type-Options", "nosniff");
  const WireResponse wire = to_wire(std::move(res), 11, false, false, conn->ctx.error_log);
  const std::string head = serialize_head(wire, 11);
  const beast::error_code ec = co_await write_response(conn, head, wire.body);
  log_access(conn->ctx, refusal.target.method, refusal.target.path, kNoRoute, wire.status, ec ? 0 : wire.body.size(),
             started, *conn, nullptr);
  if (!ec) co_await linger_close(conn);
}

// RFC 9112 §2.2: a request head ends at the first empty line. Leading empty lines (which a
// server may skip) are left to the timed read, so a head counted as whole here really is.
bool holds_whole_head(const beast::flat_buffer& buffer) {
  const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
  return !data.empty() && data.front() != '\r' && data.front() != '\n' && data.find("\r\n\r\n") != data.npos;
}

asio::awaitable<void> serve(std::shared_ptr<Connection> conn) {
  ServerContext& ctx = conn->ctx;
  const ServerOptions& opt = ctx.options;
  bool first = true;
  for (;;) {
    // Wait for the first byte of the next request. This is the only state drain may interrupt.
    bool deadline_armed = false;
    if (conn->buffer.size() == 0) {
      conn->idle = true;
      if (ctx.draining.load()) break;
      conn->arm(first ? opt.header_timeout : opt.idle_timeout);
      // An idle keep-alive connection holds a small read buffer, not the last request's: most
      // requests fit in kIdleReadChunk, and the header read below takes the rest. A read, not a
      // wait for readability: Asio re-arms the socket in epoll (one more system call per request)
      // for a wait, never for a read.
      conn->buffer.shrink_to_fit();
      auto [ec, n] = co_await conn->stream.async_read_some(conn->buffer.prepare(kIdleReadChunk), kUseTuple);
      conn->idle = false;
      if (ec) {
        conn->disarm();
        break;  // peer closed, idle timeout or drain: nothing was asked, so nothing is answered
      }
      conn->buffer.commit(n);
      deadline_armed = first;  // a new connection has header_timeout from accept to its last header byte
    }
    if (!deadline_armed) {
      // A head already whole in the buffer is parsed without a read, so it needs no deadline.
      if (holds_whole_head(conn->buffer)) {
        conn->disarm();
      } else {
        conn->arm(opt.header_timeout);
      }
    }
    first = false;
    Clock::time_point started = Clock::now();

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(opt.max_header_bytes, UINT32_MAX)));
    parser.body_limit(opt.max_body_bytes);  // Beast checks Content-Length against it with the header
    auto [hec, hn] = co_await bhttp::async_read_header(conn->stream, conn->buffer, parser, kUseTuple);
    const bool timed_out = conn->deadline_hit;
    conn->disarm();
    if (hec) {
      Refusal refusal = refusal_for(hec, timed_out, parser.get());
      if (refusal.status != 0) co_await reject(conn, std::move(refusal), started);
      break;
    }
    started = Clock::now();
    // Counted before the body is read: the header byte limit alone admits thousands of fields.
    if (auto problem = check_header_field_count(
            static_cast<std::size_t>(std::distance(parser.get().begin(), parser.get().end())))) {
      Refusal refusal{431, std::move(*problem), target_of(parser.get())};
      co_await reject(conn, std::move(refusal), started);
      break;
    }
    // RFC 9112 §6.3: a request Transfer-Encoding that does not end in chunked has no knowable
    // length; Beast would read it as empty and parse the body as the next request (smuggling).
    if (parser.get().count(bhttp::field::transfer_encoding) > 0 && !parser.chunked()) {
      Refusal refusal{400, "unsupported Transfer-Encoding", target_of(parser.get())};
      co_await reject(conn, std::move(refusal), started);
      break;
    }

    if (!parser.is_done()) {
      const std::string_view expect = parser.get()[bhttp::field::expect];
      if (parser.get().version() >= 11 && iequals(expect, "100-continue")) {
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, 11};
        conn->stream.expires_after(opt.write_timeout);
        auto [cec, cn] = co_await bhttp::async_write(conn->stream, proceed, kUseTuple);
        if (cec) break;
      }
      conn->stream.expires_after(opt.body_timeout);
      auto [bec, bn] = co_await bhttp::async_read(conn->stream, conn->buffer, parser, kUseTuple);
      conn->stream.expires_never();
      if (bec) {
        Refusal refusal = refusal_for(bec, false, parser.get());
        if (refusal.status != 0) co_await reject(conn, std::move(refusal), started);
        break;
      }
    }

    bhttp::request<bhttp::string_body> parsed = parser.release();
    const unsigned version = parsed.version();
    const bool client_keep_alive = parsed.keep_alive();
    Request req;
    std::string encoded_path;
    if (auto problem = to_request(from_beast(std::move(parsed)), conn->peer, ctx.proxies, req, encoded_path)) {
      Refusal refusal{400, std::move(*problem), LoggedTarget{std::string(to_string(req.method)), req.path}};
      co_await reject(conn, std::move(refusal), started);
      break;
    }

    Dispatch dispatch = route_request(ctx.router, req, encoded_path);
    const std::size_t route_slot = dispatch.route_slot;
    Response res;
    if (dispatch.execution == Execution::blocking) {
      Exchange done = co_await async_offload(conn, std::move(req), std::move(dispatch), asio::use_awaitable);
      req = std::move(done.req);
      res = done.admitted ? std::move(done.res) : run_guarded(ctx.middleware, req, unavailable, ctx.error_log);
    } else if (auto answered = run_inline(ctx.middleware, req, dispatch.handler, ctx.error_log, dispatch.failure)) {
      res = std::move(*answered);
    } else {
      // The handler needed SQL, Redis or a hash (core/blocking.hpp): run it again where it may wait.
      if (dispatch.reason.empty()) dispatch.reason = "inline fallback";
      Exchange done = co_await async_offload(conn, std::move(req), std::move(dispatch), asio::use_awaitable);
      req = std::move(done.req);
      res = done.admitted ? std::move(done.res) : run_guarded(ctx.middleware, req, unavailable, ctx.error_log);
    }

    // Requests that arrive while draining are answered, then the connection closes.
    const bool keep_alive = client_keep_alive && !res.close && !ctx.draining.load();
    const bool head = req.method == Method::head;
    std::string client_id = std::move(res.client_id);  // for the access log, never on the wire
    const WireResponse wire = to_wire(std::move(res), version, head, keep_alive, ctx.error_log);
    const std::string wire_head = serialize_head(wire, version);
    const beast::error_code wec = co_await write_response(conn, wire_head, wire.body);
    log_access(ctx, to_string(req.method), req.path, route_slot, wire.status, wec ? 0 : wire.body.size(), started,
               *conn, &req, std::move(client_id));
    if (wec || !keep_alive) break;
  }
  conn->stop_timer();
  beast::error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  conn->stream.close();
}

}  // namespace

ServerContext::ServerContext(const ServerOptions& o, const Router& r, const std::vector<Middleware>& m, BlockingPool& p)
    : options(o),
      router(r),
      middleware(m),
      pool(p),
      proxies(o.trusted_proxies),
      error_log(o.error_log ? o.error_log : ErrorLog([](std::string_view line) { std::cerr << line << '\n'; })) {}

bool ServerContext::drained_now() {
  if (!draining.load()) return false;
  std::lock_guard lock(mutex);
  return connections.empty();
}

void spawn_session(asio::io_context& ioc, ServerContext& ctx, int fd, bool ipv6) {
  // The loop is run by one thread: the connection needs no strand.
  tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.assign(ipv6 ? tcp::v6() : tcp::v4(), fd, ec);
  if (ec) {
    ::close(fd);
    ctx.connections_open.fetch_sub(1);
    return;
  }
  const auto peer = socket.remote_endpoint(ec);
  if (ec) {  // already gone
    ctx.connections_open.fetch_sub(1);
    return;
  }
  socket.set_option(tcp::no_delay(true), ec);
  socket.non_blocking(true, ec);  // write_response tries a send that must not block the loop
  auto conn = std::make_shared<Connection>(ctx, std::move(socket), peer.address().to_string());
  {
    std::lock_guard lock(ctx.mutex);
    ctx.connections.emplace(conn.get(), conn);
  }
  auto executor = conn->stream.get_executor();
  asio::co_spawn(executor, serve(std::move(conn)), [&ctx](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      ctx.error_log(std::string("connection failed: ") + ex.what());
    } catch (...) {
      ctx.error_log("connection failed: non-standard exception");
    }
  });
}

void close_idle_sessions(ServerContext& ctx) {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(ctx.mutex);
    for (const auto& [ptr, weak] : ctx.connections)
      if (auto conn = weak.lock()) live.push_back(std::move(conn));
  }
  for (auto& conn : live) {
    auto executor = conn->stream.get_executor();
    asio::post(executor, [conn = std::move(conn)] { conn->close_if_idle(); });
  }
}

}  // namespace authly::http::detail
