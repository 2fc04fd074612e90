#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace authly::http {
namespace {

Handler answer(std::string body) {
  return [body](Request&) { return Response::text(200, body); };
}

std::string run(const RouteMatch& m) {
  Request req;
  return m.route ? m.route->handler(req).body : std::string("<none>");
}

TEST(Router, MatchesLiteralPath) {
  Router r;
  r.add(Method::get, "/health/live", answer("live"));
  r.add(Method::get, "/health/ready", answer("ready"));
  EXPECT_EQ(run(r.match(Method::get, "/health/ready")), "ready");
  EXPECT_EQ(run(r.match(Method::get, "/health/live")), "live");
}

TEST(Router, RootPath) {
  Router r;
  r.add(Method::get, "/", answer("root"));
  EXPECT_EQ(run(r.match(Method::get, "/")), "root");
  EXPECT_EQ(r.match(Method::get, "/x").route, nullptr);
}

TEST(Router, CapturesPathParameters) {
  Router r;
  r.add(Method::get, "/oauth/clients/{client_id}/secrets/{n}", answer("ok"));
  const RouteMatch m = r.match(Method::get, "/oauth/clients/abc/secrets/2");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("client_id"), "abc");
  EXPECT_EQ(m.params.at("n"), "2");
}

TEST(Router, PathParameterIsPercentDecoded) {
  Router r;
  r.add(Method::get, "/users/{name}", answer("ok"));
  const RouteMatch m = r.match(Method::get, "/users/J%C3%B6rg%20M");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("name"), "J\xC3\xB6rg M");
}

TEST(Router, EncodedSlashStaysInsideItsSegment) {
  Router r;
  r.add(Method::get, "/clients/{id}", answer("ok"));
  const RouteMatch m = r.match(Method::get, "/clients/a%2Fb");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "a/b");
  EXPECT_EQ(r.match(Method::get, "/clients/a/b").route, nullptr);
}

TEST(Router, PlusIsNotASpaceInPaths) {
  Router r;
  r.add(Method::get, "/users/{name}", answer("ok"));
  EXPECT_EQ(r.match(Method::get, "/users/a+b").params.at("name"), "a+b");
}

TEST(Router, MalformedEncodingDoesNotMatch) {
  Router r;
  r.add(Method::get, "/users/{name}", answer("ok"));
  EXPECT_EQ(r.match(Method::get, "/users/%zz").route, nullptr);
  EXPECT_EQ(r.match(Method::get, "/users/%00").route, nullptr);
}

TEST(Router, ParameterDoesNotMatchEmptySegment) {
  Router r;
  r.add(Method::get, "/clients/{id}", answer("ok"));
  EXPECT_EQ(r.match(Method::get, "/clients/").route, nullptr);
}

TEST(Router, TrailingSlashIsADifferentPath) {
  Router r;
  r.add(Method::get, "/oauth/authorize", answer("ok"));
  EXPECT_NE(r.match(Method::get, "/oauth/authorize").route, nullptr);
  EXPECT_EQ(r.match(Method::get, "/oauth/authorize/").route, nullptr);
  EXPECT_EQ(r.match(Method::get, "/oauth//authorize").route, nullptr);
}

TEST(Router, LiteralSegmentsMatchExactly) {
  Router r;
  r.add(Method::get, "/oauth/authorize", answer("ok"));
  EXPECT_EQ(r.match(Method::get, "/OAUTH/authorize").route, nullptr);
  EXPECT_EQ(r.match(Method::get, "/oauth/authorize2").route, nullptr);
  EXPECT_EQ(r.match(Method::get, "/oauth").route, nullptr);
}

TEST(Router, UnknownPathHasNoRouteAndNoAllowedMethods) {
  Router r;
  r.add(Method::get, "/a", answer("ok"));
  const RouteMatch m = r.match(Method::get, "/b");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router r;
  r.add(Method::post, "/auth/token", answer("token"));
  r.add(Method::get, "/oidc/userinfo", answer("u"));
  r.add(Method::post, "/oidc/userinfo", answer("u"));

  const RouteMatch token = r.match(Method::get, "/auth/token");
  EXPECT_EQ(token.route, nullptr);
  EXPECT_EQ(token.allowed, std::vector<Method>({Method::post}));

  // GET implies HEAD in the Allow list.
  const RouteMatch userinfo = r.match(Method::delete_, "/oidc/userinfo");
  EXPECT_EQ(userinfo.route, nullptr);
  EXPECT_EQ(userinfo.allowed, std::vector<Method>({Method::get, Method::head, Method::post}));
}

TEST(Router, HeadFallsBackToGet) {
  Router r;
  r.add(Method::get, "/oidc/jwks", answer("jwks"));
  const RouteMatch m = r.match(Method::head, "/oidc/jwks");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, Method::get);
}

TEST(Router, ExplicitHeadRouteWinsOverGet) {
  Router r;
  r.add(Method::get, "/x", answer("get"));
  r.add(Method::head, "/x", answer("head"));
  EXPECT_EQ(run(r.match(Method::head, "/x")), "head");
}

TEST(Router, PostDoesNotFallBackToGet) {
  Router r;
  r.add(Method::get, "/x", answer("get"));
  EXPECT_EQ(r.match(Method::post, "/x").route, nullptr);
}

TEST(Router, LiteralBeatsParameterWhateverTheOrder) {
  Router r;
  r.add(Method::get, "/clients/{id}", answer("param"));
  r.add(Method::get, "/clients/new", answer("literal"));
  EXPECT_EQ(run(r.match(Method::get, "/clients/new")), "literal");
  EXPECT_EQ(run(r.match(Method::get, "/clients/abc")), "param");
}

TEST(Router, DuplicateRegistrationThrows) {
  Router r;
  r.add(Method::get, "/a/{x}", answer("1"));
  EXPECT_THROW(r.add(Method::get, "/a/{x}", answer("2")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "/a/{y}", answer("2")), std::logic_error);  // same shape
  EXPECT_NO_THROW(r.add(Method::post, "/a/{x}", answer("3")));
  EXPECT_NO_THROW(r.add(Method::get, "/a/{x}/", answer("4")));
}

TEST(Router, RejectsInvalidPatterns) {
  Router r;
  EXPECT_THROW(r.add(Method::get, "a/b", answer("x")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "", answer("x")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "/a/{x}y", answer("x")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "/a/{}", answer("x")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "/a/{x{y}}", answer("x")), std::logic_error);
  EXPECT_THROW(r.add(Method::get, "/a", Handler{}), std::logic_error);
}

TEST(Router, KeepsExecutionAndReason) {
  Router r;
  r.add(Method::post, "/auth/token", answer("t"), Execution::blocking, "sql");
  const RouteMatch m = r.match(Method::post, "/auth/token");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->execution, Execution::blocking);
  EXPECT_EQ(m.route->reason, "sql");
}

}  // namespace
}  // namespace authly::http
