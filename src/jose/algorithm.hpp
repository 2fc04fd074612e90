#pragma once
// The JWS algorithms Authly signs and verifies (RFC 7518 §3.1, RFC 8037 §3.1). "none" is deliberately
// not representable: parsing it fails, so no code path can accept an unsecured JWS.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace authly::jose {

enum class Algorithm : std::uint8_t {
  RS256,  // RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3)
  PS256,  // RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (RFC 7518 §3.5)
  ES256,  // ECDSA P-256 with SHA-256, raw R||S signature (RFC 7518 §3.4)
  EdDSA,  // Ed25519 (RFC 8037 §3.1)
  HS256,  // HMAC with SHA-256 (RFC 7518 §3.2); symmetric, never published in a JWKS
};

// The registered "alg" string, e.g. "RS256".
std::string_view to_string(Algorithm alg) noexcept;
// Exact, case-sensitive match of the registered names; nullopt for anything else, "none" included.
std::optional<Algorithm> algorithm_from_string(std::string_view name) noexcept;

// A small allow-list of algorithms, e.g. `AlgorithmSet{Algorithm::RS256, Algorithm::ES256}`.
class AlgorithmSet {
 public:
  constexpr AlgorithmSet() = default;
  constexpr AlgorithmSet(std::initializer_list<Algorithm> algs) {
    for (Algorithm a : algs) insert(a);
  }
  constexpr void insert(Algorithm a) { bits_ |= bit(a); }
  constexpr bool contains(Algorithm a) const { return (bits_ & bit(a)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

  // Every asymmetric algorithm: the default for verifying tokens signed by a published key.
  static constexpr AlgorithmSet asymmetric() {
    return {Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA};
  }

 private:
  static constexpr unsigned bit(Algorithm a) { return 1u << static_cast<unsigned>(a); }
  unsigned bits_ = 0;
};

}  // namespace authly::jose
