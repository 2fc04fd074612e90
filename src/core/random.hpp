#pragma once
// Injected randomness. SystemRandom reads the kernel CSPRNG (getrandom(2)), a block per thread at a
// time; tests may substitute a deterministic source.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace authly::core {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

class SystemRandom final : public Random {
 public:
  void fill(std::span<std::uint8_t> out) override;  // throws std::system_error if the kernel refuses
};

// n random bytes, base64url without padding (n=32 gives a 256-bit token of 43 characters).
std::string random_token(Random& rng, std::size_t n = 32);

}  // namespace authly::core
