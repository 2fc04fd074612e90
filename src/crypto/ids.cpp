#include "crypto/ids.hpp"

#include <array>
#include <cstdint>
#include <string_view>

#include "crypto/hash.hpp"

namespace authly::crypto {

std::string uuid_v4(core::Random& rng) {
  std::array<std::uint8_t, 16> b{};
  rng.fill(b);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);  // variant 10xx (RFC 9562 §4.1)
  const std::string hex = to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
         hex.substr(20);
}

std::string client_secret(core::Random& rng) { return core::random_token(rng, 32); }

std::string random_password(core::Random& rng) {
  // No 0/O/o, 1/l/I: the password is read off a terminal and typed by hand. 56 symbols, ~116 bits.
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  static_assert(kAlphabet.size() == 56);
  constexpr std::size_t kLength = 20;
  std::string out;
  out.reserve(kLength);
  std::array<std::uint8_t, 32> buf{};
  while (out.size() < kLength) {
    rng.fill(buf);
    for (const std::uint8_t byte : buf) {
      // Keep 6 bits and reject 56..63, so every symbol is exactly equally likely (no modulo bias).
      const std::uint8_t v = byte & 0x3f;
      if (v < kAlphabet.size() && out.size() < kLength) out += kAlphabet[v];
    }
  }
  return out;
}

}  // namespace authly::crypto
