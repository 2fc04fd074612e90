// The real Server in-process on port 0, driven over sockets by tests/support/raw_http.
#include "http/server/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/blocking.hpp"
#include "core/random.hpp"
#include "http/server/standard_middleware.hpp"
#include "support/raw_http.hpp"

namespace authly::http {
namespace {

using namespace std::chrono_literals;
using test::build_request;
using test::HttpResponse;
using test::RawConnection;

// Collects access-log entries and error-log lines; the server calls it from I/O threads after the
// response is written, so readers wait for the entry instead of sleeping.
struct LogSink {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<AccessLogEntry> entries;
  std::vector<std::string> errors;

  bool wait_for_entries(std::size_t n) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, 2s, [&] { return entries.size() >= n; });
  }
  std::string all_errors() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& e : errors) out += e + "\n";
    return out;
  }
};

ServerOptions test_options(const std::shared_ptr<LogSink>& sink) {
  ServerOptions o;
  o.port = 0;
  o.io_threads = 2;
  o.blocking_threads = 2;
  o.blocking_queue_limit = 16;
  o.header_timeout = 2s;
  o.body_timeout = 2s;
  o.idle_timeout = 5s;
  o.write_timeout = 2s;
  o.shutdown_grace = 3s;
  o.access_log = [sink](const AccessLogEntry& e) {
    std::lock_guard lock(sink->mutex);
    sink->entries.push_back(e);
    sink->cv.notify_all();
  };
  o.error_log = [sink](std::string_view line) {
    std::lock_guard lock(sink->mutex);
    sink->errors.emplace_back(line);
  };
  return o;
}

// A handler blocks on this until the test opens it; `entered` tells the test it is running.
struct Gate {
  std::promise<void> entered_promise;
  std::shared_future<void> entered = entered_promise.get_future().share();
  std::promise<void> open_promise;
  std::shared_future<void> opened = open_promise.get_future().share();
  std::atomic<bool> signalled{false};

  void arrive_and_wait() {
    if (!signalled.exchange(true)) entered_promise.set_value();
    opened.wait_for(5s);
  }
  void open() { open_promise.set_value(); }
};

class RunningServer {
 public:
  RunningServer(Router router, ServerOptions options, std::vector<Middleware> middleware = {})
      : server_(std::move(options), std::move(router), std::move(middleware)) {
    server_.start();
    runner_ = std::thread([this] { server_.run_until_stopped(); });
  }
  ~RunningServer() { stop_and_wait(); }

  void stop_and_wait() {
    server_.stop();
    if (runner_.joinable()) runner_.join();
  }
  std::uint16_t port() const { return server_.port(); }
  Server& server() { return server_; }

 private:
  Server server_;
  std::thread runner_;
};

Router basic_router() {
  Router r;
  r.add(Method::get, "/hello", [](Request&) { return Response::text(200, "hello"); });
  r.add(Method::post, "/echo", [](Request& req) {
    Response res = Response::text(200, req.body);
    res.headers.set("X-Query", req.query);
    return res;
  });
  r.add(Method::get, "/users/{name}",
        [](Request& req) { return Response::text(200, std::string(req.path_param("name"))); });
  r.add(Method::get, "/whoami", [](Request& req) { return Response::text(200, req.remote_address); });
  r.add(Method::get, "/boom", [](Request&) -> Response { throw std::runtime_error("db password=hunter2 rejected"); });
  return r;
}

TEST(Server, RoutesGetAndPost) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));

  const HttpResponse get = test::get(s.port(), "/hello");
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.body, "hello");
  EXPECT_EQ(get.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(get.header("Content-Length"), "5");
  EXPECT_TRUE(get.header("Date").has_value());

  const HttpResponse post = test::post_form(s.port(), "/echo?a=1", "grant_type=client_credentials&scope=x+y");
  EXPECT_EQ(post.status, 200);
  EXPECT_EQ(post.body, "grant_type=client_credentials&scope=x+y");
  EXPECT_EQ(post.header("X-Query"), "a=1");
}

TEST(Server, PathParametersArePercentDecoded) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  const HttpResponse res = test::get(s.port(), "/users/J%C3%B6rg%2F1");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "J\xC3\xB6rg/1");
}

TEST(Server, UnknownPathIs404Json) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  const HttpResponse res = test::get(s.port(), "/nope");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.header("Content-Type"), "application/json");
  EXPECT_EQ(res.body, R"({"error":"not_found"})");
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
  EXPECT_EQ(test::get(s.port(), "/hello/").status, 404);  // trailing slash is another path
}

TEST(Server, WrongMethodIs405WithAllow) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  const HttpResponse res = test::request(s.port(), "DELETE", "/echo");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("Allow"), "POST");
  EXPECT_EQ(res.body, R"({"error":"method_not_allowed"})");
  EXPECT_EQ(res.header("Cache-Control"), "no-store");
}

TEST(Server, HeadGetsHeadersWithoutBody) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  const HttpResponse head = c.request(build_request("HEAD", "/hello"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), "5");
  EXPECT_EQ(head.body, "");
  // Had the server sent the body, it would be read here as a bogus status line.
  const HttpResponse next = c.request(build_request("GET", "/hello"));
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, "hello");
}

TEST(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  const HttpResponse a = c.request(build_request("GET", "/hello"));
  const HttpResponse b = c.request(build_request("POST", "/echo", {}, "second"));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.header("Connection"), std::nullopt);
  EXPECT_EQ(b.body, "second");
  EXPECT_EQ(s.server().stats().connections_accepted, 1u);
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  c.send(build_request("POST", "/echo", {}, "one") + build_request("POST", "/echo", {}, "two"));
  EXPECT_EQ(c.read_response().body, "one");
  EXPECT_EQ(c.read_response().body, "two");
}

TEST(Server, ConnectionCloseIsHonoured) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  const HttpResponse res = c.request(build_request("GET", "/hello", {{"Connection", "close"}}));
  EXPECT_EQ(res.header("Connection"), "close");
  EXPECT_TRUE(c.closed_by_peer(2s));
}

TEST(Server, RequestIdIsEchoedOrReplaced) {
  auto sink = std::make_shared<LogSink>();
  core::SystemRandom rng;
  RunningServer s(basic_router(), test_options(sink), {request_id_middleware(rng), security_headers_middleware()});

  const HttpResponse kept = test::get(s.port(), "/hello", {{"X-Request-ID", "trace-123.abc_D"}});
  EXPECT_EQ(kept.header("X-Request-ID"), "trace-123.abc_D");
  EXPECT_EQ(kept.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(kept.header("Referrer-Policy"), "no-referrer");

  const HttpResponse replaced = test::get(s.port(), "/hello", {{"X-Request-ID", "bad id<script>"}});
  const auto id = replaced.header("X-Request-ID");
  ASSERT_TRUE(id.has_value());
  EXPECT_NE(*id, "bad id<script>");
  EXPECT_EQ(id->size(), 22u);

  const HttpResponse generated = test::get(s.port(), "/hello");
  ASSERT_TRUE(generated.header("X-Request-ID").has_value());
  EXPECT_NE(generated.header("X-Request-ID"), id);
}

TEST(Server, MalformedRequestLineIs400AndCloses) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  const HttpResponse res = c.request("GET /hello HTTP/1.1 extra\r\nHost: a\r\n\r\n");
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.header("Connection"), "close");
  EXPECT_TRUE(c.closed_by_peer(2s));
}

TEST(Server, TargetThatIsNotOriginFormIs400) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  EXPECT_EQ(c.request(build_request("GET", "http://evil.example/hello")).status, 400);
}

TEST(Server, MissingHostIs400) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  EXPECT_EQ(c.request("GET /hello HTTP/1.1\r\n\r\n").status, 400);
}

TEST(Server, OversizedHeaderIs431) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.max_header_bytes = 1024;
  RunningServer s(basic_router(), o);
  RawConnection c(s.port());
  const HttpResponse res = c.request(build_request("GET", "/hello", {{"X-Pad", std::string(4096, 'a')}}));
  EXPECT_EQ(res.status, 431);
  EXPECT_TRUE(c.closed_by_peer(2s));
  // Just under the limit is fine.
  EXPECT_EQ(test::get(s.port(), "/hello", {{"X-Pad", std::string(800, 'a')}}).status, 200);
}

TEST(Server, OversizedBodyIs413BeforeItIsRead) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.max_body_bytes = 1024;
  RunningServer s(basic_router(), o);
  RawConnection c(s.port());
  // Only the header is sent: the answer must come from Content-Length alone.
  const HttpResponse res = c.request("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(test::post_form(s.port(), "/echo", std::string(1024, 'a')).status, 200);
}

TEST(Server, OversizedChunkedBodyIs413) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.max_body_bytes = 16;
  RunningServer s(basic_router(), o);
  RawConnection c(s.port());
  const HttpResponse res = c.request("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" +
                                     std::string(32, 'a') + "\r\n0\r\n\r\n");
  EXPECT_EQ(res.status, 413);
}

TEST(Server, ConflictingFramingIs400) {
  // RFC 9112 §6.3: Content-Length with Transfer-Encoding, or a Transfer-Encoding not ending in
  // chunked, cannot be framed safely (request smuggling); both are refused and the connection closed.
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection both(s.port());
  const HttpResponse res = both.request(
      "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(both.closed_by_peer(2s));

  RawConnection gzip(s.port());
  EXPECT_EQ(gzip.request("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nGET /hello HTTP/1.1\r\n\r\n")
                .status,
            400);
  EXPECT_TRUE(gzip.closed_by_peer(2s));
}

TEST(Server, ExpectContinueGetsInterimResponse) {
  auto sink = std::make_shared<LogSink>();
  RunningServer s(basic_router(), test_options(sink));
  RawConnection c(s.port());
  c.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  c.send("body");
  const HttpResponse res = c.read_response();  // skips the 100 Continue
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "body");
}

TEST(Server, SlowHeaderIsCutOffAfterHeaderTimeout) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.header_timeout = 300ms;
  RunningServer s(basic_router(), o);

  RawConnection partial(s.port());
  partial.send("GET /hello HTTP/1.1\r\nHost: a\r\n");  // never finished
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse res = partial.read_response();
  EXPECT_EQ(res.status, 408);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
  EXPECT_TRUE(partial.closed_by_peer(2s));

  RawConnection silent(s.port());  // sends nothing at all: closed without an answer
  EXPECT_TRUE(silent.closed_by_peer(2s));
}

// The keep-alive deadlines are kept without a timer operation per request (session.cpp): these
// check that each still holds after requests on the same connection.
TEST(Server, SlowHeaderOnAKeptAliveConnectionIsCutOffAfterHeaderTimeoutNotIdleTimeout) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.header_timeout = 300ms;
  o.idle_timeout = 10s;
  RunningServer s(basic_router(), o);

  RawConnection c(s.port());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(c.request(build_request("GET", "/hello")).status, 200);
  c.send("GET /hello HTTP/1.1\r\nHost: a\r\n");  // never finished
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse res = c.read_response();
  EXPECT_EQ(res.status, 408);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 5s);
}

TEST(Server, IdleTimeoutCountsFromTheLastResponse) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.header_timeout = 300ms;
  o.idle_timeout = 600ms;
  RunningServer s(basic_router(), o);

  RawConnection c(s.port());
  // Requests spread over more than one idle timeout keep the connection open...
  for (int i = 0; i < 5; ++i) {
    if (i > 0) std::this_thread::sleep_for(250ms);
    ASSERT_EQ(c.request(build_request("GET", "/hello")).status, 200) << "request " << i;
  }
  // ...and silence after the last one closes it.
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_peer(3s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 450ms);
}

TEST(Server, BlockingRouteRunsOffTheIoThread) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.io_threads = 1;
  std::mutex m;
  std::thread::id inline_thread, blocking_thread;
  Router r;
  r.add(Method::get, "/inline", [&](Request&) {
    std::lock_guard lock(m);
    inline_thread = std::this_thread::get_id();
    return Response::text(200, "i");
  });
  r.add(
      Method::get, "/blocking",
      [&](Request&) {
        std::lock_guard lock(m);
        blocking_thread = std::this_thread::get_id();
        return Response::text(200, "b");
      },
      Execution::blocking, "sql");
  RunningServer s(std::move(r), o);
  EXPECT_EQ(test::get(s.port(), "/inline").status, 200);
  EXPECT_EQ(test::get(s.port(), "/blocking").status, 200);
  std::lock_guard lock(m);
  EXPECT_NE(inline_thread, std::thread::id{});
  EXPECT_NE(blocking_thread, std::thread::id{});
  EXPECT_NE(inline_thread, blocking_thread);
  const auto by_reason = s.server().stats().blocking_jobs_by_reason;
  ASSERT_EQ(by_reason.size(), 1u);
  EXPECT_EQ(by_reason[0], (std::pair<std::string, std::uint64_t>("sql", 1)));
}

// core/blocking.hpp: an inline route whose handler reaches an operation that would block is run
// again on the blocking pool, and its answer is the pool run's; one that does not stays inline.
TEST(Server, InlineRouteThatWouldBlockMovesToThePool) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.io_threads = 1;
  std::mutex m;
  std::vector<std::thread::id> runs;
  std::vector<bool> allowed;
  Router r;
  r.add(
      Method::get, "/maybe",
      [&](Request& req) {
        {
          std::lock_guard lock(m);
          runs.push_back(std::this_thread::get_id());
          allowed.push_back(core::blocking_allowed());
        }
        if (req.query == "sql") core::expect_blocking("sql");
        return Response::text(200, core::blocking_allowed() ? "pool" : "inline");
      },
      Execution::inline_, "token");
  RunningServer s(std::move(r), o);

  const auto fast = test::get(s.port(), "/maybe");
  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(fast.body, "inline");
  const auto slow = test::get(s.port(), "/maybe?sql");
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.body, "pool");

  std::lock_guard lock(m);
  ASSERT_EQ(runs.size(), 3u);  // inline; then inline again, given up, and the pool run
  EXPECT_EQ(allowed, (std::vector<bool>{false, false, true}));
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_NE(runs[1], runs[2]);
  const auto by_reason = s.server().stats().blocking_jobs_by_reason;
  ASSERT_EQ(by_reason.size(), 1u);
  EXPECT_EQ(by_reason[0], (std::pair<std::string, std::uint64_t>("token", 1)));
  EXPECT_EQ(sink->all_errors(), "");  // moving to the pool is not a failure
}

TEST(Server, SaturatedBlockingPoolAnswers503) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.blocking_threads = 1;
  o.blocking_queue_limit = 0;
  auto gate = std::make_shared<Gate>();
  Router r;
  r.add(
      Method::get, "/slow",
      [gate](Request&) {
        gate->arrive_and_wait();
        return Response::text(200, "done");
      },
      Execution::blocking, "sql");
  RunningServer s(std::move(r), o);

  RawConnection first(s.port());
  first.send(build_request("GET", "/slow"));
  ASSERT_EQ(gate->entered.wait_for(5s), std::future_status::ready);

  const HttpResponse shed = test::get(s.port(), "/slow");
  EXPECT_EQ(shed.status, 503);
  EXPECT_EQ(shed.header("Retry-After"), "1");
  EXPECT_EQ(shed.body, R"({"error":"temporarily_unavailable"})");
  EXPECT_EQ(s.server().stats().blocking_jobs_running, 1u);
  EXPECT_EQ(s.server().stats().blocking_jobs_rejected, 1u);

  gate->open();
  EXPECT_EQ(first.read_response().status, 200);
  // The slot is free again as soon as the response is out.
  EXPECT_EQ(first.request(build_request("GET", "/slow")).status, 200);
}

TEST(Server, HandlerExceptionIs500WithoutItsText) {
  auto sink = std::make_shared<LogSink>();
  core::SystemRandom rng;
  RunningServer s(basic_router(), test_options(sink), {request_id_middleware(rng)});
  const HttpResponse res = test::get(s.port(), "/boom", {{"X-Request-ID", "req-7"}});
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, R"j({"error":"server_error","error_description":"internal error (request id req-7)"})j");
  EXPECT_EQ(res.body.find("hunter2"), std::string::npos);
  EXPECT_NE(sink->all_errors().find("hunter2"), std::string::npos);
  // The connection and the server survive.
  EXPECT_EQ(test::get(s.port(), "/hello").status, 200);
}

TEST(Server, AccessLogHasPathWithoutQuery) {
  auto sink = std::make_shared<LogSink>();
  core::SystemRandom rng;
  RunningServer s(basic_router(), test_options(sink), {request_id_middleware(rng)});
  const HttpResponse res =
      test::get(s.port(), "/users/a%20b?code=SECRETCODE", {{"User-Agent", "raw-test/1"}, {"X-Request-ID", "rid-1"}});
  ASSERT_EQ(res.status, 200);
  ASSERT_TRUE(sink->wait_for_entries(1));
  std::lock_guard lock(sink->mutex);
  const AccessLogEntry& e = sink->entries.at(0);
  EXPECT_EQ(e.method, "GET");
  EXPECT_EQ(e.path, "/users/a b");
  EXPECT_EQ(e.route, "/users/{name}");  // the template, as /metrics labels it
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.bytes, 3u);
  EXPECT_GE(e.duration_ms, 0.0);
  EXPECT_EQ(e.remote_address, "127.0.0.1");
  EXPECT_EQ(e.request_id, "rid-1");
  EXPECT_EQ(e.user_agent, "raw-test/1");
  EXPECT_EQ(e.path.find("SECRETCODE"), std::string::npos);
}

// The access line names the request's W3C trace (the caller's traceparent, else a new one, also for
// a request the server refuses itself) and the client the endpoint identified, inline or offloaded;
// Response::client_id never reaches the wire.
TEST(Server, AccessLogCarriesTraceAndClientId) {
  auto sink = std::make_shared<LogSink>();
  core::SystemRandom rng;
  Router r;
  r.add(Method::get, "/inline", [](Request&) {
    Response res = Response::text(200, "i");
    res.client_id = "client-inline";
    return res;
  });
  r.add(
      Method::get, "/pooled",
      [](Request&) {
        Response res = Response::text(200, "p");
        res.client_id = "client-pooled";
        return res;
      },
      Execution::blocking, "test");
  RunningServer s(std::move(r), test_options(sink), {request_id_middleware(rng), trace_context_middleware()});
  const std::string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  const HttpResponse inline_res = test::get(s.port(), "/inline", {{"traceparent", traceparent}, {"X-Request-ID", "a"}});
  ASSERT_EQ(inline_res.status, 200);
  EXPECT_EQ(inline_res.body, "i");
  for (const auto& [name, value] : inline_res.headers)
    EXPECT_EQ(value.find("client-inline"), std::string::npos) << name;
  ASSERT_TRUE(sink->wait_for_entries(1));
  ASSERT_EQ(test::get(s.port(), "/pooled", {{"X-Request-ID", "b"}}).status, 200);
  ASSERT_TRUE(sink->wait_for_entries(2));
  RawConnection c(s.port());
  ASSERT_EQ(c.request("GET /inline HTTP/1.1 extra\r\nHost: a\r\n\r\n").status, 400);
  ASSERT_TRUE(sink->wait_for_entries(3));

  std::lock_guard lock(sink->mutex);
  const AccessLogEntry& kept = sink->entries.at(0);
  EXPECT_EQ(kept.trace.trace_id_view(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(kept.trace.parent_id_view(), "00f067aa0ba902b7");
  EXPECT_EQ(kept.client_id, "client-inline");
  const AccessLogEntry& started = sink->entries.at(1);
  EXPECT_EQ(started.trace.trace_id_view().size(), 32u);
  EXPECT_NE(started.trace.trace_id_view(), kept.trace.trace_id_view());
  EXPECT_FALSE(started.trace.has_parent());
  EXPECT_EQ(started.client_id, "client-pooled");
  const AccessLogEntry& refused = sink->entries.at(2);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.trace.trace_id_view().size(), 32u);
  EXPECT_EQ(refused.client_id, "");
}

TEST(Server, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  auto sink = std::make_shared<LogSink>();
  {
    RunningServer untrusted(basic_router(), test_options(sink));
    EXPECT_EQ(test::get(untrusted.port(), "/whoami", {{"X-Forwarded-For", "198.51.100.7"}}).body, "127.0.0.1");
  }
  ServerOptions o = test_options(sink);
  o.trusted_proxies = {"127.0.0.1"};
  RunningServer trusted(basic_router(), o);
  EXPECT_EQ(test::get(trusted.port(), "/whoami", {{"X-Forwarded-For", "6.6.6.6, 198.51.100.7"}}).body, "198.51.100.7");
}

// Over the limit a connection is shed with an answer the client can act on (503 + Retry-After),
// then closed; the connections already open are served on.
TEST(Server, ConnectionsBeyondTheLimitAreAnswered503AndClosed) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.max_connections = 1;
  RunningServer s(basic_router(), o);
  RawConnection first(s.port());
  ASSERT_EQ(first.request(build_request("GET", "/hello")).status, 200);  // now counted as open
  RawConnection second(s.port());
  const auto shed = second.request(build_request("GET", "/hello"));
  EXPECT_EQ(shed.status, 503);
  EXPECT_EQ(shed.header("Retry-After"), "1");
  EXPECT_EQ(shed.header("Connection"), "close");
  EXPECT_EQ(shed.body, R"({"error":"temporarily_unavailable"})");
  EXPECT_TRUE(second.closed_by_peer(2s));
  EXPECT_EQ(s.server().stats().connections_refused, 1u);
  EXPECT_EQ(first.request(build_request("GET", "/hello")).status, 200);
}

TEST(Server, GracefulStopFinishesInFlightRequestsAndRefusesNewOnes) {
  auto sink = std::make_shared<LogSink>();
  auto gate = std::make_shared<Gate>();
  Router r = basic_router();
  r.add(
      Method::get, "/slow",
      [gate](Request&) {
        gate->arrive_and_wait();
        return Response::text(200, "finished");
      },
      Execution::blocking, "sql");
  RunningServer s(std::move(r), test_options(sink));

  RawConnection idle(s.port());
  ASSERT_EQ(idle.request(build_request("GET", "/hello")).status, 200);
  RawConnection busy(s.port());
  busy.send(build_request("GET", "/slow"));
  ASSERT_EQ(gate->entered.wait_for(5s), std::future_status::ready);

  s.server().stop();
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!s.server().draining() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  ASSERT_TRUE(s.server().draining());

  EXPECT_FALSE(test::can_connect(s.port()));  // listener closed
  EXPECT_TRUE(idle.closed_by_peer(2s));       // idle keep-alive connection closed

  gate->open();
  const HttpResponse res = busy.read_response();
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "finished");
  EXPECT_EQ(res.header("Connection"), "close");
  s.stop_and_wait();  // run_until_stopped returns
}

TEST(Server, StartFailsWhenThePortIsTaken) {
  auto sink = std::make_shared<LogSink>();
  RunningServer first(basic_router(), test_options(sink));
  ServerOptions o = test_options(sink);
  o.port = first.port();
  Server second(o, basic_router(), {});
  EXPECT_THROW(second.start(), std::runtime_error);
}

TEST(Server, HostNameIsResolvedPreferringIpv4) {
  auto sink = std::make_shared<LogSink>();
  ServerOptions o = test_options(sink);
  o.host = "localhost";
  RunningServer s(basic_router(), o);
  EXPECT_EQ(test::get(s.port(), "/hello").status, 200);
}

TEST(Server, StopBeforeStartReturnsAtOnce) {
  auto sink = std::make_shared<LogSink>();
  Server s(test_options(sink), basic_router(), {});
  s.stop();
  s.run_until_stopped();
  SUCCEED();
}

}  // namespace
}  // namespace authly::http
