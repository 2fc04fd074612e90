#pragma once
// A public verification key as a JWK (RFC 7517), or an HS256 shared secret. A Jwk never holds the
// private half of an asymmetric key, so nothing built from it can leak private members.
#include <openssl/types.h>

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/error.hpp"

namespace authly::jose {

namespace detail {
struct KeyAccess;
}

// RFC 7518 §6.1 "kty" values we handle: RSA, EC (P-256 only), OKP (Ed25519 only, RFC 8037), oct (HS256).
enum class KeyType { RSA, EC, OKP, oct };
std::string_view to_string(KeyType type) noexcept;

class Jwk {
 public:
  // Public members of an RSA (n, e), EC P-256 (crv, x, y) or OKP Ed25519 (crv, x) JWK. Private members
  // are ignored. A present "alg" pins the key and must be one we implement; "kid" is kept as given.
  // Errors: malformed (member missing or not base64url), unsupported_key (kty other than RSA/EC/OKP,
  // curve other than P-256/Ed25519), unsupported_algorithm ("alg" unknown or "none"),
  // algorithm_mismatch ("alg" unfit for kty), weak_key (RSA < 2048 bits), invalid_key (EC point not
  // on the curve, wrong coordinate length, even or tiny RSA exponent).
  static Result<Jwk> from_json(const boost::json::object& jwk);
  static Result<Jwk> parse(std::string_view json);
  // SubjectPublicKeyInfo PEM. An empty kid becomes the RFC 7638 thumbprint.
  static Result<Jwk> from_public_pem(std::string_view pem, std::optional<Algorithm> alg = {}, std::string kid = {});
  // HS256 verification key. RFC 7518 §3.2: the secret must have at least 256 bits (weak_key otherwise).
  static Result<Jwk> hmac(std::string secret, std::string kid = {});

  KeyType type() const noexcept { return type_; }
  const std::string& kid() const noexcept { return kid_; }
  std::optional<Algorithm> algorithm() const noexcept { return alg_; }
  // The pinned algorithm only; an unpinned key accepts the algorithms of its type (RSA: RS256 and PS256).
  // An asymmetric key never accepts HS256, which defeats the RSA-public-key-as-HMAC-secret confusion.
  bool accepts(Algorithm alg) const noexcept;

  // kty and its public members, then "use":"sig", kid and alg when set. Never a private member; an
  // HS256 key has no public form and yields {"kty":"oct"} plus kid/alg, without "k".
  boost::json::object to_json() const;
  std::string serialize() const;
  std::string to_pem() const;      // SubjectPublicKeyInfo; throws std::logic_error for HS256
  std::string thumbprint() const;  // RFC 7638 §3: SHA-256 of the required members, base64url

 private:
  friend struct detail::KeyAccess;
  Jwk() = default;

  KeyType type_ = KeyType::RSA;
  std::optional<Algorithm> alg_;
  std::string kid_;
  std::shared_ptr<EVP_PKEY> pkey_;  // public half only; null for HS256
  std::string secret_;              // HS256 only
};

// Whether keys of `type` can produce `alg` signatures (RFC 7518 §3.1 / RFC 8037 §3.1).
bool compatible(KeyType type, Algorithm alg) noexcept;

}  // namespace authly::jose
