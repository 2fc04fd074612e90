// JWS Compact sign and verify per algorithm (RFC 7515 §7.1) with the keys Authly generates: what one
// access token, ID token or introspection costs in signature work alone.
#include <benchmark/benchmark.h>

#include <string>

#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/signing_key.hpp"

namespace {

using authly::jose::Algorithm;
using authly::jose::AlgorithmSet;
using authly::jose::SigningKey;

// A typical RFC 9068 access-token payload: the bytes signed are what matters, not their meaning.
constexpr std::string_view kPayload =
    R"({"iss":"http://127.0.0.1:8000","sub":"bench-client","aud":"http://127.0.0.1:8000","client_id":"bench-client",)"
    R"("scope":"api:read","iat":1764739200,"exp":1764742800,"jti":"0b8a6f52-7b8e-4f0e-9d6c-3c1e8a2f4d10"})";

void jws_sign(benchmark::State& state, Algorithm alg) {
  const SigningKey key = SigningKey::generate(alg);
  const authly::jose::HeaderParams header{"at+jwt"};
  for (auto _ : state) benchmark::DoNotOptimize(authly::jose::sign(key, header, kPayload));
  state.SetItemsProcessed(state.iterations());
}

void jws_verify(benchmark::State& state, Algorithm alg) {
  const SigningKey key = SigningKey::generate(alg);
  const std::string token = authly::jose::sign(key, authly::jose::HeaderParams{"at+jwt"}, kPayload);
  for (auto _ : state) {
    auto verified = authly::jose::verify(token, key.public_jwk(), AlgorithmSet{alg});
    if (!verified) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(verified);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(jws_sign, RS256, Algorithm::RS256);
BENCHMARK_CAPTURE(jws_sign, PS256, Algorithm::PS256);
BENCHMARK_CAPTURE(jws_sign, ES256, Algorithm::ES256);
BENCHMARK_CAPTURE(jws_sign, EdDSA, Algorithm::EdDSA);
BENCHMARK_CAPTURE(jws_verify, RS256, Algorithm::RS256);
BENCHMARK_CAPTURE(jws_verify, PS256, Algorithm::PS256);
BENCHMARK_CAPTURE(jws_verify, ES256, Algorithm::ES256);
BENCHMARK_CAPTURE(jws_verify, EdDSA, Algorithm::EdDSA);

}  // namespace
