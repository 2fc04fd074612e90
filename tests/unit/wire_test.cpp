#include "http/server/wire.hpp"

#include <gtest/gtest.h>

namespace authly::http::detail {
namespace {

WireRequest wire(std::string target, std::vector<Headers::Field> fields = {{"Host", "a"}}, unsigned version = 11) {
  WireRequest w;
  w.method = "GET";
  w.target = std::move(target);
  w.version = version;
  w.fields = std::move(fields);
  return w;
}

std::optional<std::string> field(const WireResponse& w, std::string_view name) {
  for (const auto& [n, v] : w.fields)
    if (iequals(n, name)) return v;
  return std::nullopt;
}

std::size_t field_count(const WireResponse& w, std::string_view name) {
  std::size_t n = 0;
  for (const auto& f : w.fields) n += iequals(f.first, name) ? 1 : 0;
  return n;
}

const ErrorLog kNoLog = [](std::string_view) {};

TEST(Wire, DecodesPathAndKeepsQueryRaw) {
  Request req;
  std::string encoded;
  ASSERT_EQ(to_request(wire("/users/J%C3%B6rg%2Fx?code=a%2Bb&x"), "127.0.0.1", ProxyTrust(), req, encoded),
            std::nullopt);
  EXPECT_EQ(req.path, "/users/J\xC3\xB6rg/x");
  EXPECT_EQ(encoded, "/users/J%C3%B6rg%2Fx");
  EXPECT_EQ(req.query, "code=a%2Bb&x");
  EXPECT_EQ(req.target, "/users/J%C3%B6rg%2Fx?code=a%2Bb&x");
  EXPECT_EQ(req.remote_address, "127.0.0.1");
}

TEST(Wire, RejectsTargetsThatAreNotOriginForm) {
  // RFC 9112 §3.2: absolute-form is for proxies and asterisk-form for OPTIONS; Authly serves neither.
  for (const char* target : {"http://a/x", "*", "x", "/a b", "/a#frag", "/a/%zz"}) {
    Request req;
    std::string encoded;
    EXPECT_NE(to_request(wire(target), "127.0.0.1", ProxyTrust(), req, encoded), std::nullopt) << target;
  }
}

TEST(Wire, RejectsEncodedNulInPath) {
  Request req;
  std::string encoded;
  EXPECT_NE(to_request(wire("/a%00b"), "127.0.0.1", ProxyTrust(), req, encoded), std::nullopt);
}

TEST(Wire, RequiresExactlyOneHost) {
  // RFC 9112 §3.2: a 1.1 request without Host, or any request with two, is answered 400.
  Request r1, r2, r3;
  std::string e;
  EXPECT_NE(to_request(wire("/", {}), "127.0.0.1", ProxyTrust(), r1, e), std::nullopt);
  EXPECT_NE(to_request(wire("/", {{"Host", "a"}, {"host", "b"}}), "127.0.0.1", ProxyTrust(), r2, e), std::nullopt);
  EXPECT_EQ(to_request(wire("/", {}, 10), "127.0.0.1", ProxyTrust(), r3, e), std::nullopt);
}

TEST(Wire, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  Request req;
  std::string e;
  ASSERT_EQ(to_request(wire("/", {{"Host", "a"}, {"X-Forwarded-For", "198.51.100.7"}}), "10.0.0.1",
                       ProxyTrust({"10.0.0.1"}), req, e),
            std::nullopt);
  EXPECT_EQ(req.remote_address, "198.51.100.7");
  Request untrusted;
  ASSERT_EQ(to_request(wire("/", {{"Host", "a"}, {"X-Forwarded-For", "198.51.100.7"}}), "10.0.0.9",
                       ProxyTrust({"10.0.0.1"}), untrusted, e),
            std::nullopt);
  EXPECT_EQ(untrusted.remote_address, "10.0.0.9");
}

TEST(Wire, SetsContentLengthAndDate) {
  const WireResponse w = to_wire(Response::text(200, "hello"), 11, false, true, kNoLog);
  EXPECT_EQ(w.status, 200);
  EXPECT_EQ(w.reason, "OK");
  EXPECT_EQ(w.body, "hello");
  EXPECT_EQ(field(w, "Content-Length"), "5");
  EXPECT_TRUE(field(w, "Date").has_value());
  EXPECT_EQ(field(w, "Connection"), std::nullopt);
}

TEST(Wire, HeadKeepsContentLengthButDropsBody) {
  const WireResponse w = to_wire(Response::text(200, "hello"), 11, true, true, kNoLog);
  EXPECT_EQ(w.body, "");
  EXPECT_EQ(field(w, "Content-Length"), "5");
}

TEST(Wire, NoContentHasNoBodyOrLength) {
  Response r = Response::text(204, "ignored");
  const WireResponse w = to_wire(std::move(r), 11, false, true, kNoLog);
  EXPECT_EQ(w.body, "");
  EXPECT_EQ(field(w, "Content-Length"), std::nullopt);
}

TEST(Wire, ConnectionHeaderFollowsKeepAlive) {
  EXPECT_EQ(field(to_wire(Response::text(200, ""), 11, false, false, kNoLog), "Connection"), "close");
  EXPECT_EQ(field(to_wire(Response::text(200, ""), 10, false, true, kNoLog), "Connection"), "keep-alive");
  EXPECT_EQ(field(to_wire(Response::text(200, ""), 10, false, false, kNoLog), "Connection"), std::nullopt);
}

TEST(Wire, ServerOwnsFramingHeaders) {
  Response r = Response::text(200, "abc");
  r.headers.add("Content-Length", "999");
  r.headers.add("Transfer-Encoding", "chunked");
  r.headers.add("Connection", "keep-alive");
  r.headers.add("Date", "Sun, 06 Nov 1994 08:49:37 GMT");
  const WireResponse w = to_wire(std::move(r), 11, false, false, kNoLog);
  EXPECT_EQ(field(w, "Content-Length"), "3");
  EXPECT_EQ(field_count(w, "Content-Length"), 1u);
  EXPECT_EQ(field(w, "Transfer-Encoding"), std::nullopt);
  EXPECT_EQ(field(w, "Connection"), "close");
  EXPECT_EQ(field(w, "Date"), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(field_count(w, "Date"), 1u);
}

TEST(Wire, HeaderInjectionBecomes500) {
  std::vector<std::string> logged;
  const ErrorLog log = [&](std::string_view l) { logged.emplace_back(l); };
  Response r = Response::text(302, "");
  r.headers.set("Location", "https://c.example/\r\nSet-Cookie: sid=evil");
  const WireResponse w = to_wire(std::move(r), 11, false, true, log);
  EXPECT_EQ(w.status, 500);
  EXPECT_EQ(field(w, "Location"), std::nullopt);
  EXPECT_EQ(logged.size(), 1u);

  Response bad_name = Response::text(200, "");
  bad_name.headers.add("Bad Name", "x");
  EXPECT_EQ(to_wire(std::move(bad_name), 11, false, true, kNoLog).status, 500);
}

TEST(Wire, HeadIsStatusLineThenFieldsThenAnEmptyLine) {
  WireResponse w;
  w.status = 404;
  w.reason = "Not Found";
  w.fields = {{"Content-Type", "text/plain"}, {"Content-Length", "0"}};
  EXPECT_EQ(serialize_head(w, 11), "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(serialize_head(w, 10).substr(0, 9), "HTTP/1.0 ");
  w.status = 599;  // RFC 9112 §4: the reason phrase may be empty
  w.reason.clear();
  w.fields.clear();
  EXPECT_EQ(serialize_head(w, 11), "HTTP/1.1 599 \r\n\r\n");
}

TEST(Wire, LoggedTargetDropsTheQuery) {
  const LoggedTarget t = logged_target("POST", "/auth/token%2Fx?code=secret");
  EXPECT_EQ(t.method, "POST");
  EXPECT_EQ(t.path, "/auth/token/x");
}

}  // namespace
}  // namespace authly::http::detail
