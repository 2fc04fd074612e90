#include "jose/signing_key.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "jose/key_access.hpp"
#include "jose/key_codec.hpp"

namespace authly::jose {
namespace {

using detail::KeyAccess;
using detail::PkeyPtr;

constexpr std::size_t kHmacBytes = 32;  // RFC 7518 §3.2: at least the hash output size

PkeyPtr keygen(Algorithm alg) {
  switch (alg) {
    case Algorithm::RS256:
    case Algorithm::PS256:
      return detail::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}), "RSA keygen");
    case Algorithm::ES256:
      return detail::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), "EC keygen");
    case Algorithm::EdDSA:
      return detail::adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "Ed25519 keygen");
    case Algorithm::HS256:
      break;
  }
  throw std::logic_error("no asymmetric key for HS256");
}

// Pairs a private EVP_PKEY with its public Jwk; an empty kid becomes the RFC 7638 thumbprint
// (RFC 7638 §1 names the thumbprint as a possible kid: stable and derived from the key itself).
SigningKey assemble(Algorithm alg, KeyType type, PkeyPtr priv, std::string kid, bool thumbprint_kid) {
  PkeyPtr pub = detail::public_only(priv.get());
  if (thumbprint_kid && kid.empty()) kid = detail::thumbprint(detail::required_members(pub.get(), type));
  return KeyAccess::make_signing(alg, KeyAccess::make_public(type, alg, std::move(kid), std::move(pub)),
                                 std::move(priv), {});
}

}  // namespace

SigningKey SigningKey::generate(Algorithm alg, std::string kid) {
  if (alg == Algorithm::HS256) {
    std::string secret(kHmacBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(secret.size())) != 1) {
      detail::throw_openssl("RAND_bytes");
    }
    return hmac(std::move(secret), std::move(kid)).value();
  }
  PkeyPtr priv = keygen(alg);
  const auto type = detail::classify(priv.get());
  if (!type) throw std::logic_error("generated key of unexpected type");
  return assemble(alg, *type, std::move(priv), std::move(kid), true);
}

Result<SigningKey> SigningKey::from_pem(std::string_view pem, Algorithm alg, std::string kid) {
  if (alg == Algorithm::HS256) return fail(ErrorCode::unsupported_key, "HS256 keys have no PEM form");
  PkeyPtr priv = detail::read_private_pem(pem);
  if (!priv) return fail(ErrorCode::malformed, "not an unencrypted private key PEM");
  const auto type = detail::classify(priv.get());
  if (!type) return fail(ErrorCode::unsupported_key, "key is not RSA, EC P-256 or Ed25519");
  if (!compatible(*type, alg)) return fail(ErrorCode::algorithm_mismatch, "key type does not fit alg");
  if (auto strong = detail::check_strength(priv.get(), *type); !strong) {
    return fail(strong.error().code, strong.error().message);
  }
  return assemble(alg, *type, std::move(priv), std::move(kid), true);
}

Result<SigningKey> SigningKey::from_json(const boost::json::object& jwk, std::optional<Algorithm> alg) {
  auto type = detail::parse_kty(jwk);
  if (!type) return fail(type.error().code, type.error().message);
  auto pinned = detail::parse_alg(jwk, *type);
  if (!pinned) return fail(pinned.error().code, pinned.error().message);
  if (alg && *pinned && *alg != **pinned)
    return fail(ErrorCode::algorithm_mismatch, "JWK alg differs from the one asked");
  if (!alg) alg = *pinned;
  if (!alg && *type == KeyType::EC) alg = Algorithm::ES256;
  if (!alg && *type == KeyType::OKP) alg = Algorithm::EdDSA;
  if (!alg) return fail(ErrorCode::unsupported_algorithm, "RSA JWK without alg: RS256 or PS256 must be chosen");
  if (!compatible(*type, *alg)) return fail(ErrorCode::algorithm_mismatch, "key type does not fit alg");
  const auto* kid = jwk.if_contains("kid");
  if (kid != nullptr && !kid->is_string()) return fail(ErrorCode::malformed, "JWK kid is not a string");
  auto priv = detail::pkey_from_jwk(jwk, *type, /*with_private=*/true);
  if (!priv) return fail(priv.error().code, priv.error().message);
  return assemble(*alg, *type, std::move(*priv), kid ? std::string(kid->get_string()) : std::string(), false);
}

Result<SigningKey> SigningKey::hmac(std::string secret, std::string kid) {
  auto pub = Jwk::hmac(secret, std::move(kid));
  if (!pub) return fail(pub.error().code, pub.error().message);
  return KeyAccess::make_signing(Algorithm::HS256, std::move(*pub), nullptr, std::move(secret));
}

std::string SigningKey::private_pem() const {
  if (!pkey_) throw std::logic_error("an HS256 key has no PEM form");
  return detail::private_pem(pkey_.get());
}

}  // namespace authly::jose
