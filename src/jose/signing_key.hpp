#pragma once
// A private signing key pinned to exactly one algorithm: tokens it signs always carry that "alg"
// (DESIGN.md §7: no alg none, alg pinned to key).
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"

namespace authly::jose {

class SigningKey {
 public:
  // Fresh key: RSA 2048 (RS256/PS256), P-256 (ES256), Ed25519 (EdDSA), 32 random bytes (HS256).
  // An empty kid becomes the RFC 7638 thumbprint (asymmetric keys only: a secret's hash is not
  // published). Throws std::runtime_error if OpenSSL fails.
  static SigningKey generate(Algorithm alg, std::string kid = {});
  // PKCS#8 (or traditional) private key PEM, as stored by private_pem(). The key type must suit alg;
  // RSA keys below 2048 bits fail with weak_key. An empty kid becomes the RFC 7638 thumbprint.
  static Result<SigningKey> from_pem(std::string_view pem, Algorithm alg, std::string kid = {});
  // Private JWK: RSA n, e, d, p, q, dp, dq, qi (RFC 7518 §6.3.2; "oth" unsupported); EC d; OKP d.
  // The private half must match the public members (invalid_key). alg comes from the argument, else
  // the JWK's "alg", else the key type when unambiguous (EC: ES256, OKP: EdDSA). kid is the JWK's own.
  static Result<SigningKey> from_json(const boost::json::object& jwk, std::optional<Algorithm> alg = {});
  // HS256 key from a shared secret of at least 32 bytes (RFC 7518 §3.2).
  static Result<SigningKey> hmac(std::string secret, std::string kid = {});

  Algorithm algorithm() const noexcept { return alg_; }
  const std::string& kid() const noexcept { return public_.kid(); }
  // The verification half, pinned to algorithm() and carrying kid(): what JWKS publishes.
  const Jwk& public_jwk() const noexcept { return public_; }
  // PKCS#8 PEM for storage (seal it at rest). Throws std::logic_error for HS256.
  std::string private_pem() const;

 private:
  friend struct detail::KeyAccess;
  SigningKey(Algorithm alg, Jwk pub) : alg_(alg), public_(std::move(pub)) {}

  Algorithm alg_;
  Jwk public_;
  std::shared_ptr<EVP_PKEY> pkey_;  // private key; null for HS256
  std::string secret_;              // HS256 only
};

}  // namespace authly::jose
