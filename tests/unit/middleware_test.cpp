#include "http/server/middleware.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "core/base64url.hpp"
#include "core/blocking.hpp"
#include "http/server/dispatch.hpp"
#include "http/server/standard_middleware.hpp"

namespace authly::http {
namespace {

// Deterministic bytes 0, 1, 2, ... so the generated request id is known.
class SequenceRandom final : public core::Random {
 public:
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next_++;
  }

 private:
  std::uint8_t next_ = 0;
};

Middleware tracing(std::string name, std::vector<std::string>& trace) {
  return [name, &trace](Request& req, const Next& next) {
    trace.push_back(name + ">");
    Response res = next(req);
    trace.push_back("<" + name);
    return res;
  };
}

TEST(Middleware, RunsOutermostFirst) {
  std::vector<std::string> trace;
  Request req;
  run_chain({tracing("a", trace), tracing("b", trace)}, req, [&](Request&) {
    trace.push_back("handler");
    return Response::text(200, "ok");
  });
  EXPECT_EQ(trace, (std::vector<std::string>{"a>", "b>", "handler", "<b", "<a"}));
}

TEST(Middleware, EmptyChainCallsHandler) {
  Request req;
  EXPECT_EQ(run_chain({}, req, [](Request&) { return Response::text(201, "x"); }).status, 201);
}

TEST(Middleware, CanAnswerWithoutCallingNext) {
  bool handler_ran = false;
  Request req;
  const Middleware deny = [](Request&, const Next&) { return Response::json_error(429, "slow_down", ""); };
  const Response res = run_chain({deny}, req, [&](Request&) {
    handler_ran = true;
    return Response::text(200, "ok");
  });
  EXPECT_EQ(res.status, 429);
  EXPECT_FALSE(handler_ran);
}

TEST(Middleware, SeesRequestChangesAndResponse) {
  Request req;
  const Middleware tag = [](Request& r, const Next& next) {
    r.headers.set("X-Seen", "1");
    Response res = next(r);
    res.headers.set("X-After", "1");
    return res;
  };
  const Response res =
      run_chain({tag}, req, [](Request& r) { return Response::text(200, std::string(*r.header("X-Seen"))); });
  EXPECT_EQ(res.body, "1");
  EXPECT_EQ(res.headers.get("X-After"), "1");
}

Response echo_id(Request& r) { return Response::text(200, r.request_id); }

TEST(RequestIdMiddleware, KeepsSaneIncomingId) {
  SequenceRandom rng;
  const auto mw = request_id_middleware(rng);
  Request req;
  req.headers.add("X-Request-ID", "abc-DEF_1.2");
  const Response res = mw(req, echo_id);
  EXPECT_EQ(req.request_id, "abc-DEF_1.2");
  EXPECT_EQ(res.body, "abc-DEF_1.2");
  EXPECT_EQ(res.headers.get("X-Request-ID"), "abc-DEF_1.2");
}

TEST(RequestIdMiddleware, Accepts128CharactersButNotMore) {
  SequenceRandom rng;
  const auto mw = request_id_middleware(rng);
  Request ok;
  ok.headers.add("X-Request-ID", std::string(128, 'a'));
  mw(ok, echo_id);
  EXPECT_EQ(ok.request_id, std::string(128, 'a'));

  Request too_long;
  too_long.headers.add("X-Request-ID", std::string(129, 'a'));
  mw(too_long, echo_id);
  EXPECT_NE(too_long.request_id, std::string(129, 'a'));
}

TEST(RequestIdMiddleware, ReplacesInvalidIncomingId) {
  for (const char* bad : {"", "a b", "a\nb", "id;drop", "ä", "a/b"}) {
    SequenceRandom rng;
    const auto mw = request_id_middleware(rng);
    Request req;
    req.headers.add("X-Request-ID", bad);
    const Response res = mw(req, echo_id);
    std::string expected_bytes;
    for (int i = 0; i < 16; ++i) expected_bytes.push_back(static_cast<char>(i));
    EXPECT_EQ(req.request_id, core::base64url_encode(expected_bytes)) << bad;
    EXPECT_EQ(res.headers.get("X-Request-ID"), req.request_id);
  }
}

TEST(RequestIdMiddleware, GeneratesWhenAbsent) {
  SequenceRandom rng;
  const auto mw = request_id_middleware(rng);
  Request a, b;
  mw(a, echo_id);
  mw(b, echo_id);
  EXPECT_EQ(a.request_id.size(), 22u);  // 16 bytes, base64url
  EXPECT_NE(a.request_id, b.request_id);
}

TEST(RequestIdMiddleware, RepeatedHeaderIsReplaced) {
  SequenceRandom rng;
  const auto mw = request_id_middleware(rng);
  Request req;
  req.headers.add("X-Request-ID", "one");
  req.headers.add("X-Request-ID", "two");
  mw(req, echo_id);
  EXPECT_NE(req.request_id, "one");
  EXPECT_NE(req.request_id, "two");
}

TEST(SecurityHeadersMiddleware, AddsNosniffAndNoReferrer) {
  Request req;
  const Response res = security_headers_middleware()(req, [](Request&) { return Response::text(200, "x"); });
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.headers.get("Referrer-Policy"), "no-referrer");
}

TEST(SecurityHeadersMiddleware, KeepsHandlersOwnValues) {
  Request req;
  const Response res = security_headers_middleware()(req, [](Request&) {
    Response r = Response::text(200, "x");
    r.headers.set("Referrer-Policy", "origin");
    return r;
  });
  EXPECT_EQ(res.headers.get("Referrer-Policy"), "origin");
  EXPECT_EQ(res.headers.count("Referrer-Policy"), 1u);
}

TEST(Dispatch, HandlerExceptionBecomes500WithoutItsText) {
  SequenceRandom rng;
  std::vector<std::string> logged;
  Request req;
  req.headers.add("X-Request-ID", "req-42");
  const Response res = detail::run_guarded(
      {request_id_middleware(rng), security_headers_middleware()}, req,
      [](Request&) -> Response { throw std::runtime_error("password=hunter2 in SQL"); },
      [&](std::string_view line) { logged.emplace_back(line); });
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, R"j({"error":"server_error","error_description":"internal error (request id req-42)"})j");
  EXPECT_EQ(res.body.find("hunter2"), std::string::npos);
  // The middlewares still decorate the 500.
  EXPECT_EQ(res.headers.get("X-Request-ID"), "req-42");
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find("hunter2"), std::string::npos);
  EXPECT_NE(logged[0].find("req-42"), std::string::npos);
}

// core::WouldBlock is not a failure: run_guarded lets it through (no 500, nothing logged) and
// run_inline turns it into "run this on the blocking pool".
TEST(Dispatch, WouldBlockInsideAnInlineRunIsNotA500) {
  std::vector<std::string> logged;
  const detail::ErrorLog log = [&](std::string_view line) { logged.emplace_back(line); };
  Request req;
  const Next needs_sql = [](Request&) -> Response {
    core::expect_blocking("sql");
    return Response::text(200, "from the pool");
  };
  EXPECT_FALSE(detail::run_inline({security_headers_middleware()}, req, needs_sql, log).has_value());
  const Response pooled = detail::run_guarded({security_headers_middleware()}, req, needs_sql, log);
  EXPECT_EQ(pooled.status, 200);
  EXPECT_EQ(pooled.body, "from the pool");
  const auto answered = detail::run_inline(
      {}, req, [](Request&) { return Response::text(200, "memory"); }, log);
  ASSERT_TRUE(answered.has_value());
  EXPECT_EQ(answered->body, "memory");
  EXPECT_TRUE(logged.empty());
}

TEST(Blocking, ExpectBlockingThrowsOnlyInsideANonBlockingScope) {
  EXPECT_TRUE(core::blocking_allowed());
  EXPECT_NO_THROW(core::expect_blocking("sql"));
  {
    core::NonBlockingScope outer;
    EXPECT_FALSE(core::blocking_allowed());
    EXPECT_THROW(core::expect_blocking("sql"), core::WouldBlock);
    {
      core::NonBlockingScope inner;
      EXPECT_FALSE(core::blocking_allowed());
    }
    EXPECT_FALSE(core::blocking_allowed());  // the inner scope restores, not clears
  }
  EXPECT_TRUE(core::blocking_allowed());
  std::thread other([] { EXPECT_TRUE(core::blocking_allowed()); });  // per thread
  other.join();
}

TEST(Dispatch, MiddlewareExceptionBecomes500) {
  std::vector<std::string> logged;
  Request req;
  const Middleware broken = [](Request&, const Next&) -> Response { throw 42; };
  const Response res = detail::run_guarded(
      {broken}, req, [](Request&) { return Response::text(200, "x"); },
      [&](std::string_view line) { logged.emplace_back(line); });
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, R"({"error":"server_error","error_description":"internal error"})");
  EXPECT_EQ(logged.size(), 1u);
}

TEST(Dispatch, UnknownPathIs404) {
  Router router;
  router.add(Method::get, "/a", [](Request&) { return Response::text(200, "a"); });
  Request req;
  const auto d = detail::route_request(router, req, "/b");
  const Response res = d.handler(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, R"({"error":"not_found"})");
}

TEST(Dispatch, WrongMethodIs405WithAllow) {
  Router router;
  router.add(Method::get, "/a", [](Request&) { return Response::text(200, "a"); });
  router.add(Method::post, "/a", [](Request&) { return Response::text(200, "a"); });
  Request req;
  req.method = Method::delete_;
  const Response res = detail::route_request(router, req, "/a").handler(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.body, R"({"error":"method_not_allowed"})");
  EXPECT_EQ(res.headers.get("Allow"), "GET, HEAD, POST");
}

// The one error boundary: a route's own failure answer replaces the JSON 500, the exception text
// still goes only to the log, and the middlewares still decorate it.
TEST(Dispatch, HandlerExceptionIsAnsweredInTheRoutesOwnFailureShape) {
  SequenceRandom rng;
  std::vector<std::string> logged;
  Request req;
  req.headers.add("X-Request-ID", "req-7");
  const FailureResponse html = [](const Request& r) {
    Response page = Response::text(500, "<p>Something failed (" + r.request_id + ")</p>");
    page.headers.set("Content-Type", "text/html; charset=utf-8");
    return page;
  };
  const Response res = detail::run_guarded(
      {request_id_middleware(rng), security_headers_middleware()}, req,
      [](Request&) -> Response { throw std::runtime_error("secret detail"); },
      [&](std::string_view line) { logged.emplace_back(line); }, html);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body, "<p>Something failed (req-7)</p>");
  EXPECT_EQ(res.headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(res.headers.get("X-Request-ID"), "req-7");
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find("secret detail"), std::string::npos);
}

// A failure answer that itself throws does not escape: the server's JSON 500 is answered.
TEST(Dispatch, AFailureAnswerThatThrowsFallsBackToJson) {
  Request req;
  req.request_id = "req-8";
  const FailureResponse broken = [](const Request&) -> Response { throw std::runtime_error("page template missing"); };
  const Response res = detail::run_guarded(
      {}, req, [](Request&) -> Response { throw std::runtime_error("first"); }, [](std::string_view) {}, broken);
  EXPECT_EQ(res.status, 500);
  EXPECT_NE(res.body.find("\"server_error\""), std::string::npos);
}

TEST(Dispatch, TheRouteCarriesItsFailureAnswerToTheServer) {
  Router router;
  router.add(
      Method::get, "/page", [](Request&) -> Response { throw std::runtime_error("x"); }, Execution::inline_, {},
      [](const Request&) { return Response::text(500, "page"); });
  Request req;
  const auto d = detail::route_request(router, req, "/page");
  ASSERT_TRUE(d.failure);
  EXPECT_EQ(detail::run_guarded(
                {}, req, d.handler, [](std::string_view) {}, d.failure)
                .body,
            "page");
  EXPECT_FALSE(detail::route_request(router, req, "/absent").failure);
}

TEST(Dispatch, RoutedRequestCarriesParamsAndExecution) {
  Router router;
  router.add(
      Method::post, "/clients/{id}", [](Request& r) { return Response::text(200, std::string(r.path_param("id"))); },
      Execution::blocking, "sql");
  Request req;
  req.method = Method::post;
  const auto d = detail::route_request(router, req, "/clients/c%201");
  EXPECT_EQ(d.execution, Execution::blocking);
  EXPECT_EQ(d.reason, "sql");
  EXPECT_EQ(d.handler(req).body, "c 1");
}

TEST(Dispatch, UnavailableAsksToRetry) {
  Request req;
  const Response res = detail::unavailable(req);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.body, R"({"error":"temporarily_unavailable"})");
  EXPECT_EQ(res.headers.get("Retry-After"), "1");
}

}  // namespace
}  // namespace authly::http
