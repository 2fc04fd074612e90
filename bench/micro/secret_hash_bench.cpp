// Client-secret check as done at the token endpoint: SHA-256 of the presented secret (the form kept
// at rest, hex) compared in constant time with the stored hash. Secrets are 256-bit random values,
// so a fast hash is enough (DESIGN.md §7); argon2id is for user passwords and is measured separately.
#include <benchmark/benchmark.h>

#include <string>

#include "core/constant_time.hpp"
#include "core/random.hpp"
#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "crypto/password.hpp"

namespace {

void client_secret_hash(benchmark::State& state) {
  authly::core::SystemRandom rng;
  const std::string secret = authly::crypto::client_secret(rng);
  for (auto _ : state) benchmark::DoNotOptimize(authly::crypto::sha256_hex(secret));
  state.SetItemsProcessed(state.iterations());
}

void client_secret_check(benchmark::State& state) {
  authly::core::SystemRandom rng;
  const std::string secret = authly::crypto::client_secret(rng);
  const std::string stored = authly::crypto::sha256_hex(secret);
  for (auto _ : state) {
    const bool ok = authly::core::constant_time_equals(authly::crypto::sha256_hex(secret), stored);
    if (!ok) state.SkipWithError("secret did not match");
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}

// One login's password verification with the default policy (argon2id, 2 passes, 64 MiB): the cost
// a login storm puts on the blocking pool.
void password_verify_argon2id(benchmark::State& state) {
  const authly::crypto::PasswordHasher hasher{authly::crypto::PasswordPolicy{}};
  const std::string stored = hasher.hash("correct horse battery staple");
  for (auto _ : state) {
    const bool ok = hasher.verify("correct horse battery staple", stored);
    if (!ok) state.SkipWithError("password did not verify");
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(client_secret_hash);
BENCHMARK(client_secret_check);
BENCHMARK(password_verify_argon2id)->Unit(benchmark::kMillisecond);

}  // namespace
