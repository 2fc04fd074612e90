#include "http/headers.hpp"

#include <gtest/gtest.h>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::http {
namespace {

TEST(Headers, NamesAreCaseInsensitive) {
  Headers h;
  h.add("Content-Type", "application/json");
  EXPECT_EQ(h.get("content-type"), "application/json");
  EXPECT_EQ(h.get("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(h.get("Content-Length"), std::nullopt);
}

TEST(Headers, CountsDuplicates) {
  Headers h;
  h.add("Authorization", "Basic a");
  h.add("authorization", "Bearer b");
  EXPECT_EQ(h.count("Authorization"), 2u);
  EXPECT_EQ(h.get("Authorization"), "Basic a");  // the first
}

TEST(Headers, SetReplacesEveryOccurrence) {
  Headers h;
  h.add("X-A", "1");
  h.add("x-a", "2");
  h.add("X-B", "3");
  h.set("X-A", "9");
  EXPECT_EQ(h.count("X-A"), 1u);
  EXPECT_EQ(h.get("x-a"), "9");
  EXPECT_EQ(h.get("X-B"), "3");
}

TEST(Headers, RemoveDropsAllOccurrences) {
  Headers h;
  h.add("Set-Cookie", "a=1");
  h.add("Set-Cookie", "b=2");
  h.remove("set-cookie");
  EXPECT_EQ(h.count("Set-Cookie"), 0u);
  EXPECT_TRUE(h.fields().empty());
}

TEST(Headers, KeepsOrder) {
  Headers h;
  h.add("B", "1");
  h.add("A", "2");
  ASSERT_EQ(h.fields().size(), 2u);
  EXPECT_EQ(h.fields()[0].first, "B");
  EXPECT_EQ(h.fields()[1].first, "A");
}

TEST(Headers, IequalsComparesAsciiCaseOnly) {
  EXPECT_TRUE(iequals("Host", "hOST"));
  EXPECT_FALSE(iequals("Host", "Hosts"));
  EXPECT_FALSE(iequals("a", "b"));
}

TEST(Request, PathParamIsEmptyWhenMissing) {
  Request r;
  r.path_params.emplace("id", std::string(1, '7'));
  EXPECT_EQ(r.path_param("id"), "7");
  EXPECT_EQ(r.path_param("other"), "");
}

TEST(Request, MethodNamesRoundTrip) {
  for (Method m :
       {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::delete_, Method::options})
    EXPECT_EQ(method_from_string(to_string(m)), m);
  EXPECT_EQ(method_from_string("get"), Method::other);  // methods are case-sensitive (RFC 9110 §9.1)
  EXPECT_EQ(method_from_string("BREW"), Method::other);
}

TEST(Response, JsonErrorHasRfc6749Shape) {
  const Response r = Response::json_error(400, "invalid_request", "missing \"code\"");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.headers.get("Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"error":"invalid_request","error_description":"missing \"code\""})");
  EXPECT_EQ(Response::json_error(404, "not_found", "").body, R"({"error":"not_found"})");
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace authly::http

#include "http/auth_challenge.hpp"

namespace authly::http {
namespace {

// RFC 9110 §5.6.4: inside a quoted-string, '"' and '\' travel as quoted-pairs; a description
// cannot close the value early and add a parameter of its own.
TEST(AuthChallenge, ValuesAreQuotedStringsWithQuotesAndBackslashesEscaped) {
  EXPECT_EQ(quoted_string(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
  EXPECT_EQ(quoted_string("line\r\nbreak\ttab"), "\"linebreak\ttab\"");
  EXPECT_EQ(auth_challenge("Bearer", {{"realm", "authly"}, {"error", "invalid_token"}, {"scope", ""}}),
            R"(Bearer realm="authly", error="invalid_token")");
  EXPECT_EQ(auth_challenge("Bearer", {{"error_description", R"(x", error="forged)"}}),
            R"(Bearer error_description="x\", error=\"forged")");
}

}  // namespace
}  // namespace authly::http
