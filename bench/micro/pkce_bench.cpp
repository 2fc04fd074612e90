// PKCE S256 at the token endpoint (RFC 7636 §4.6): verifier syntax, SHA-256, base64url and a
// constant-time comparison with the stored challenge.
#include <benchmark/benchmark.h>

#include <string>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "oauth/pkce.hpp"

namespace {

void pkce_s256_check(benchmark::State& state) {
  // RFC 7636 Appendix B.
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  const std::string challenge = authly::core::base64url_encode(authly::crypto::sha256(verifier));
  for (auto _ : state) {
    auto checked = authly::oauth::check_code_verifier(challenge, "S256", true, verifier);
    if (!checked) state.SkipWithError("verifier refused");
    benchmark::DoNotOptimize(checked);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(pkce_s256_check);

}  // namespace
