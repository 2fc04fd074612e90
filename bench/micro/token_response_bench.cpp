// RFC 6749 §5.1 token response serialization, with and without a refresh token and ID token.
#include <benchmark/benchmark.h>

#include <string>

#include "oauth/grants/grant_context.hpp"

namespace {

void token_response_json(benchmark::State& state, bool with_refresh_and_id_token) {
  authly::oauth::TokenResponse response;
  response.access_token = std::string(620, 'a');  // about the size of an ES256 RFC 9068 access token
  response.expires_in = 3600;
  response.scope = "openid profile email";
  if (with_refresh_and_id_token) {
    response.refresh_token = std::string(43, 'r');
    response.id_token = std::string(700, 'i');
  }
  for (auto _ : state) benchmark::DoNotOptimize(authly::oauth::to_json(response));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(token_response_json, access_token_only, false);
BENCHMARK_CAPTURE(token_response_json, with_refresh_and_id_token, true);

}  // namespace
