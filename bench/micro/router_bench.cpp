// Route matching for Authly's route table (the paths registered by src/endpoints): a literal path,
// a path with a parameter, and the 404 and 405 answers.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <utility>

#include "http/router.hpp"

namespace {

using authly::http::Method;

authly::http::Router authly_routes() {
  const std::pair<Method, std::string_view> routes[] = {
      {Method::get, "/.well-known/openid-configuration"},
      {Method::get, "/.well-known/oauth-authorization-server"},
      {Method::get, "/oidc/jwks"},
      {Method::get, "/oauth/authorize"},
      {Method::post, "/oauth/authorize"},
      {Method::post, "/oauth/consent"},
      {Method::get, "/auth/login"},
      {Method::post, "/auth/login"},
      {Method::post, "/auth/logout"},
      {Method::post, "/auth/token"},
      {Method::post, "/auth/refresh"},
      {Method::post, "/auth/introspect"},
      {Method::post, "/auth/revoke"},
      {Method::get, "/oidc/userinfo"},
      {Method::post, "/oidc/userinfo"},
      {Method::options, "/oidc/userinfo"},
      {Method::get, "/oidc/logout"},
      {Method::post, "/oidc/logout"},
      {Method::get, "/oauth/clients"},
      {Method::post, "/oauth/clients"},
      {Method::get, "/oauth/clients/{client_id}"},
      {Method::put, "/oauth/clients/{client_id}"},
      {Method::delete_, "/oauth/clients/{client_id}"},
      {Method::get, "/static/authly.css"},
      {Method::get, "/health"},
      {Method::get, "/health/live"},
      {Method::get, "/health/ready"},
  };
  authly::http::Router router;
  for (const auto& [method, pattern] : routes)
    router.add(method, std::string(pattern), [](authly::http::Request&) { return authly::http::Response{}; });
  return router;
}

void router_match(benchmark::State& state, Method method, std::string_view path, bool found) {
  const authly::http::Router router = authly_routes();
  for (auto _ : state) {
    auto match = router.match(method, path);
    if ((match.route != nullptr) != found) state.SkipWithError("unexpected routing result");
    benchmark::DoNotOptimize(match);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(router_match, token, Method::post, "/auth/token", true);
BENCHMARK_CAPTURE(router_match, discovery, Method::get, "/.well-known/openid-configuration", true);
BENCHMARK_CAPTURE(router_match, client_by_id, Method::get, "/oauth/clients/bench-client", true);
BENCHMARK_CAPTURE(router_match, not_found, Method::get, "/no/such/path", false);
BENCHMARK_CAPTURE(router_match, method_not_allowed, Method::delete_, "/auth/token", false);

}  // namespace
