#include "crypto/aead.hpp"

#include <openssl/evp.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>

namespace authly::crypto {
namespace {

constexpr std::size_t kKeySize = 32;
constexpr std::size_t kNonceSize = 12;  // the GCM size that needs no extra GHASH step (SP 800-38D)
constexpr std::size_t kTagSize = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

void check_key(std::string_view key) {
  if (key.size() != kKeySize) throw std::invalid_argument("AES-256-GCM key must be 32 bytes");
}

// OpenSSL takes int lengths.
void check_length(std::string_view data) {
  if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::invalid_argument("AES-256-GCM input too large");
  }
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

}  // namespace

std::string aead_seal(std::string_view key, std::string_view plaintext, std::string_view aad, core::Random& rng) {
  check_key(key);
  check_length(plaintext);
  check_length(aad);
  std::string out(kNonceSize + plaintext.size() + kTagSize, '\0');
  rng.fill(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(out.data()), kNonceSize));

  auto ctx = new_ctx();
  int len = 0;
  unsigned char* cipher = bytes(out) + kNonceSize;
  const bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(out)) == 1 &&
      (aad.empty() || EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1) &&
      EVP_EncryptUpdate(ctx.get(), cipher, &len, bytes(plaintext), static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, cipher + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
  return out;
}

std::optional<std::string> aead_open(std::string_view key, std::string_view sealed, std::string_view aad) {
  check_key(key);
  check_length(sealed);
  check_length(aad);
  if (sealed.size() < kNonceSize + kTagSize) return std::nullopt;
  const auto nonce = sealed.substr(0, kNonceSize);
  const auto cipher = sealed.substr(kNonceSize, sealed.size() - kNonceSize - kTagSize);
  std::string tag(sealed.substr(sealed.size() - kTagSize));
  std::string plain(cipher.size(), '\0');

  auto ctx = new_ctx();
  int len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) != 1 ||
      (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(cipher), static_cast<int>(cipher.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) != 1) {
    throw std::runtime_error("AES-256-GCM decryption failed");
  }
  // Final checks the tag; a mismatch means wrong key, wrong aad or tampering, and no plaintext escapes.
  if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &len) != 1) return std::nullopt;
  return plain;
}

}  // namespace authly::crypto
