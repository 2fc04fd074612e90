#include "jose/algorithm.hpp"

#include <array>
#include <utility>

namespace authly::jose {
namespace {

constexpr std::array<std::pair<Algorithm, std::string_view>, 5> kNames{{
    {Algorithm::RS256, "RS256"},
    {Algorithm::PS256, "PS256"},
    {Algorithm::ES256, "ES256"},
    {Algorithm::EdDSA, "EdDSA"},
    {Algorithm::HS256, "HS256"},
}};

}  // namespace

std::string_view to_string(Algorithm alg) noexcept {
  for (const auto& [a, name] : kNames) {
    if (a == alg) return name;
  }
  return {};
}

std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept {
  for (const auto& [a, n] : kNames) {
    if (n == name) return a;
  }
  return std::nullopt;
}

}  // namespace authly::jose
