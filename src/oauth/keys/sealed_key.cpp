#include "oauth/keys/sealed_key.hpp"

#include <openssl/crypto.h>

#include <stdexcept>

#include "core/base64url.hpp"
#include "crypto/aead.hpp"

namespace authly::oauth::keys {

store::SigningKey seal_signing_key(const jose::SigningKey& key, std::string_view master_key, core::Random& rng,
                                   core::TimePoint now) {
  store::SigningKey row;
  row.kid = key.kid();
  row.alg = std::string(jose::to_string(key.algorithm()));
  row.state = store::KeyState::next;
  row.public_jwk = key.public_jwk().serialize();
  // aad = kid: the ciphertext only opens for the row it was written for.
  row.private_key_enc = core::base64url_encode(crypto::aead_seal(master_key, key.private_pem(), row.kid, rng));
  row.created_at = now;
  return row;
}

jose::SigningKey open_signing_key(const store::SigningKey& row, std::string_view master_key) {
  const auto alg = jose::algorithm_from_string(row.alg);
  if (!alg || *alg == jose::Algorithm::HS256)
    throw std::runtime_error("signing key '" + row.kid + "' has an unsupported algorithm '" + row.alg + "'");
  const auto sealed = core::base64url_decode(row.private_key_enc);
  if (!sealed) throw std::runtime_error("signing key '" + row.kid + "': the sealed private key is not base64url");
  auto pem = crypto::aead_open(master_key, *sealed, row.kid);
  if (!pem)
    throw std::runtime_error("signing key '" + row.kid +
                             "' cannot be decrypted: the master key is not the one it was sealed with, or the "
                             "row was altered");
  auto key = jose::SigningKey::from_pem(*pem, *alg, row.kid);
  OPENSSL_cleanse(pem->data(), pem->size());  // the clear PEM should not linger in freed memory
  if (!key) throw std::runtime_error("signing key '" + row.kid + "' is not a valid " + row.alg + " key");
  return std::move(*key);
}

}  // namespace authly::oauth::keys
