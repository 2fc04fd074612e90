#pragma once
// Internal to jose/: the key material behind Jwk and SigningKey, for the codec and the signers.
#include <openssl/types.h>

#include <string>

#include "jose/jwk.hpp"
#include "jose/openssl_util.hpp"
#include "jose/signing_key.hpp"

namespace authly::jose::detail {

struct KeyAccess {
  static EVP_PKEY* pkey(const Jwk& k) noexcept { return k.pkey_.get(); }
  static const std::string& secret(const Jwk& k) noexcept { return k.secret_; }
  static EVP_PKEY* pkey(const SigningKey& k) noexcept { return k.pkey_.get(); }
  static const std::string& secret(const SigningKey& k) noexcept { return k.secret_; }

  static Jwk make_public(KeyType type, std::optional<Algorithm> alg, std::string kid, PkeyPtr pub) {
    Jwk k;
    k.type_ = type;
    k.alg_ = alg;
    k.kid_ = std::move(kid);
    k.pkey_ = std::move(pub);
    return k;
  }
  static Jwk make_hmac(std::string secret, std::string kid) {
    Jwk k;
    k.type_ = KeyType::oct;
    k.alg_ = Algorithm::HS256;
    k.kid_ = std::move(kid);
    k.secret_ = std::move(secret);
    return k;
  }
  static SigningKey make_signing(Algorithm alg, Jwk pub, PkeyPtr priv, std::string secret) {
    SigningKey k(alg, std::move(pub));
    k.pkey_ = std::move(priv);
    k.secret_ = std::move(secret);
    return k;
  }
};

}  // namespace authly::jose::detail
