// W3C Trace Context (https://www.w3.org/TR/trace-context/) as Authly reads it: the traceparent
// parser (http/trace_context.hpp), one test per rule of §3.2, the middleware that keeps or starts a
// request's trace, and the log lines written while a request is served naming it.
#include "http/trace_context.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/log_context.hpp"
#include "http/server/standard_middleware.hpp"
#include "observability/logger.hpp"

namespace authly::http {
namespace {

constexpr std::string_view kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr std::string_view kParentId = "00f067aa0ba902b7";
const std::string kValid = "00-" + std::string(kTraceId) + "-" + std::string(kParentId) + "-01";

std::string with(std::string value, std::size_t at, std::string_view replacement) {
  value.replace(at, replacement.size(), replacement);
  return value;
}

bool is_lower_hex(std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

TEST(TraceParent, AcceptsTheSpecExample) {
  const auto parsed = parse_traceparent(kValid);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->trace_id_view(), kTraceId);
  EXPECT_EQ(parsed->parent_id_view(), kParentId);
  EXPECT_EQ(parsed->flags, 0x01);
  EXPECT_EQ(parse_traceparent(with(kValid, 53, "00"))->flags, 0);
  EXPECT_EQ(parse_traceparent(with(kValid, 53, "ff"))->flags, 0xff);  // §3.2.2.5: unknown flags are kept
}

// §3.2.2: HEXDIGLC. Upper case is another string, not the same id.
TEST(TraceParent, RejectsUpperCaseHex) {
  EXPECT_FALSE(parse_traceparent(with(kValid, 3, "4BF9")));   // trace-id
  EXPECT_FALSE(parse_traceparent(with(kValid, 36, "00F0")));  // parent-id
  EXPECT_FALSE(parse_traceparent(with(kValid, 53, "0A")));    // flags
  EXPECT_FALSE(parse_traceparent("0A" + kValid.substr(2)));   // version
}

TEST(TraceParent, RejectsNonHexCharacters) {
  EXPECT_FALSE(parse_traceparent(with(kValid, 10, "g")));
  EXPECT_FALSE(parse_traceparent(with(kValid, 40, "z")));
  EXPECT_FALSE(parse_traceparent(with(kValid, 54, ".")));
  EXPECT_FALSE(parse_traceparent(with(kValid, 0, "0x")));
}

// §3.2.2.1: version ff is invalid.
TEST(TraceParent, RejectsVersionFf) { EXPECT_FALSE(parse_traceparent("ff" + kValid.substr(2))); }

// §3.2.2.3: a trace-id of all zeros is invalid.
TEST(TraceParent, RejectsAllZeroTraceId) {
  EXPECT_FALSE(parse_traceparent("00-" + std::string(32, '0') + "-" + std::string(kParentId) + "-01"));
}

// §3.2.2.4: a parent-id of all zeros is invalid.
TEST(TraceParent, RejectsAllZeroParentId) {
  EXPECT_FALSE(parse_traceparent("00-" + std::string(kTraceId) + "-" + std::string(16, '0') + "-01"));
}

// §3.2.2.2: version 00 is exactly four fields of fixed length; nothing may follow.
TEST(TraceParent, Version00IsExactly55Characters) {
  EXPECT_FALSE(parse_traceparent(kValid + "-"));
  EXPECT_FALSE(parse_traceparent(kValid + "-extra"));
  EXPECT_FALSE(parse_traceparent(kValid + "0"));
  EXPECT_FALSE(parse_traceparent(kValid.substr(0, 54)));
  EXPECT_FALSE(parse_traceparent(""));
}

// §3.2.2.3, §3.2.2.4: 32 and 16 digits, separated by '-' where the layout says.
TEST(TraceParent, RejectsWrongFieldLengthsAndSeparators) {
  EXPECT_FALSE(parse_traceparent("00-" + std::string(kTraceId.substr(1)) + "-" + std::string(kParentId) + "-011"));
  EXPECT_FALSE(parse_traceparent("00-" + std::string(kTraceId) + "0-" + std::string(kParentId.substr(1)) + "-01"));
  EXPECT_FALSE(parse_traceparent(with(kValid, 2, "_")));
  EXPECT_FALSE(parse_traceparent(with(kValid, 35, "_")));
  EXPECT_FALSE(parse_traceparent(with(kValid, 52, "_")));
  EXPECT_FALSE(parse_traceparent(" " + kValid.substr(1)));
}

// §3.2.4: a later version is read by its first four fields, whatever follows a '-'.
TEST(TraceParent, HigherVersionIsReadByItsFirstFourFields) {
  const std::string v1 = "cc" + kValid.substr(2);
  ASSERT_TRUE(parse_traceparent(v1));
  EXPECT_EQ(parse_traceparent(v1)->trace_id_view(), kTraceId);
  const auto extended = parse_traceparent(v1 + "-what-the-future-will-be-like");
  ASSERT_TRUE(extended);
  EXPECT_EQ(extended->parent_id_view(), kParentId);
}

// §3.2.4: after the flags of a later version comes the end or a '-', and the rules on the four
// fields still hold.
TEST(TraceParent, HigherVersionStillChecksItsFields) {
  const std::string v1 = "cc" + kValid.substr(2);
  EXPECT_FALSE(parse_traceparent(v1 + "0"));
  EXPECT_FALSE(parse_traceparent(v1.substr(0, 54)));
  EXPECT_FALSE(parse_traceparent(with(v1, 3, std::string(32, '0'))));
  EXPECT_FALSE(parse_traceparent(with(v1, 36, std::string(16, '0'))));
  EXPECT_FALSE(parse_traceparent(with(v1, 53, "0G")));
}

TEST(NewTrace, IsThirtyTwoLowercaseHexDigitsWithoutParent) {
  const TraceContext t = new_trace();
  ASSERT_TRUE(t.has_trace());
  EXPECT_EQ(t.trace_id_view().size(), 32u);
  EXPECT_TRUE(is_lower_hex(t.trace_id_view()));
  EXPECT_NE(t.trace_id_view(), std::string(32, '0'));
  EXPECT_FALSE(t.has_parent());
  EXPECT_EQ(t.parent_id_view(), "");
  // What Authly logs is what it would accept back.
  EXPECT_TRUE(parse_traceparent("00-" + std::string(t.trace_id_view()) + "-" + std::string(kParentId) + "-00"));
}

TEST(NewTrace, DiffersEveryTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(std::string(new_trace().trace_id_view()));
  EXPECT_EQ(seen.size(), 1000u);
}

Response echo_trace(Request& r) { return Response::text(200, std::string(r.trace.trace_id_view())); }

TEST(TraceContextMiddleware, KeepsAValidIncomingTraceparent) {
  Request req;
  req.headers.add("traceparent", kValid);
  const Response res = trace_context_middleware()(req, echo_trace);
  EXPECT_EQ(res.body, kTraceId);
  EXPECT_EQ(req.trace.parent_id_view(), kParentId);
  EXPECT_FALSE(res.headers.get("traceparent"));  // a request header only (Level 1)
}

TEST(TraceContextMiddleware, StartsATraceWhenNoneOrInvalid) {
  for (const std::string& value : {std::string(), "ff" + kValid.substr(2), with(kValid, 3, "4BF9")}) {
    Request req;
    if (!value.empty()) req.headers.add("traceparent", value);
    const Response res = trace_context_middleware()(req, echo_trace);
    EXPECT_EQ(res.body.size(), 32u) << value;
    EXPECT_NE(res.body, kTraceId) << value;
    EXPECT_FALSE(req.trace.has_parent()) << value;
  }
}

// A repeated traceparent names no one trace: the request starts its own.
TEST(TraceContextMiddleware, RepeatedTraceparentStartsANewTrace) {
  Request req;
  req.headers.add("traceparent", kValid);
  req.headers.add("traceparent", kValid);
  const Response res = trace_context_middleware()(req, echo_trace);
  EXPECT_NE(res.body, kTraceId);
  EXPECT_FALSE(req.trace.has_parent());
}

// The blocking pool runs the chain again for a request the I/O thread gave up on: same trace.
TEST(TraceContextMiddleware, KeepsTheTraceWhenTheChainRunsAgain) {
  Request req;
  const auto mw = trace_context_middleware();
  const std::string first = mw(req, echo_trace).body;
  EXPECT_EQ(mw(req, echo_trace).body, first);
}

TEST(TraceContextMiddleware, LogLinesInsideTheRequestNameItsTrace) {
  Request req;
  req.request_id = "req-1";
  req.headers.add("traceparent", kValid);
  const auto* outside = core::current_log_context();
  trace_context_middleware()(req, [](Request&) {
    const auto* inside = core::current_log_context();
    EXPECT_TRUE(inside);
    if (inside) {
      EXPECT_EQ(inside->trace_id, kTraceId);
      EXPECT_EQ(inside->request_id, "req-1");
    }
    return Response::text(200, "");
  });
  EXPECT_EQ(core::current_log_context(), outside);
}

TEST(LogLine, CarriesTheRequestsTraceAndRequestId) {
  observability::init_logging(observability::Level::info, true);
  const core::LogScope scope({kTraceId, "req-2"});
  testing::internal::CaptureStderr();
  observability::info("test.event", {{"k", "v"}});
  const std::string line = testing::internal::GetCapturedStderr();
  EXPECT_NE(line.find(R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("request_id":"req-2")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("k":"v")"), std::string::npos) << line;
}

TEST(LogLine, OutsideARequestHasNoTraceId) {
  observability::init_logging(observability::Level::info, true);
  testing::internal::CaptureStderr();
  observability::info("test.event", {{"k", "v"}});
  const std::string line = testing::internal::GetCapturedStderr();
  EXPECT_EQ(line.find("trace_id"), std::string::npos) << line;
}

}  // namespace
}  // namespace authly::http
