#include "jose/signature.hpp"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>
#include <optional>
#include <stdexcept>

#include "jose/key_access.hpp"
#include "jose/openssl_util.hpp"
#include "jose/prepared_ctx.hpp"

namespace authly::jose::detail {
namespace {

constexpr std::size_t kP256Half = 32;    // RFC 7518 §3.4: R and S are each 32 octets for ES256
constexpr std::size_t kHs256Bytes = 32;  // SHA-256 output

struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
struct SigFree {
  void operator()(ECDSA_SIG* p) const noexcept { ECDSA_SIG_free(p); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// OpenSSL produces DER (SEQUENCE of two INTEGERs); JWS wants R||S, each left-padded to 32 octets.
std::string der_to_raw(std::string_view der) {
  const unsigned char* p = bytes(der);
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) throw_openssl("d2i_ECDSA_SIG");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw = bn_to_bytes(r, kP256Half) + bn_to_bytes(s, kP256Half);
  if (raw.size() != 2 * kP256Half) throw std::runtime_error("ECDSA signature component too long");
  return raw;
}

// nullopt for anything but exactly 64 octets: no truncated or DER-encoded JWS signatures.
std::optional<std::string> raw_to_der(std::string_view raw) {
  if (raw.size() != 2 * kP256Half) return std::nullopt;
  SigPtr sig(ECDSA_SIG_new());
  if (!sig) throw_openssl("ECDSA_SIG_new");
  BnPtr r = bn_from_bytes(raw.substr(0, kP256Half));
  BnPtr s = bn_from_bytes(raw.substr(kP256Half));
  if (ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) throw_openssl("ECDSA_SIG_set0");
  r.release();  // now owned by sig
  s.release();
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) throw_openssl("i2d_ECDSA_SIG");
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string hmac_sha256(std::string_view secret, std::string_view input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(), secret.size(), bytes(input), input.size(),
                out, sizeof out, &len) == nullptr) {
    throw_openssl("EVP_Q_mac");
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Ed25519 signs the message itself (RFC 8032 PureEdDSA), so it goes through EVP_DigestSign.
std::string eddsa_sign(EVP_PKEY* pkey, std::string_view input) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey) != 1) throw_openssl("EVP_DigestSignInit");
  std::size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes(input), input.size()) != 1) throw_openssl("EVP_DigestSign size");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, bytes(input), input.size()) != 1) {
    throw_openssl("EVP_DigestSign");
  }
  sig.resize(len);
  return sig;
}

bool eddsa_verify(EVP_PKEY* pkey, std::string_view input, std::string_view sig) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey) != 1) {
    throw_openssl("EVP_DigestVerifyInit");
  }
  const bool ok = EVP_DigestVerify(ctx.get(), bytes(sig), sig.size(), bytes(input), input.size()) == 1;
  if (!ok) clear_errors();
  return ok;
}

// RS256, PS256 and ES256 sign the SHA-256 of the signing input (RFC 7518 §3.3-3.5).
std::string evp_sign(EVP_PKEY* pkey, Algorithm alg, std::string_view input) {
  if (alg == Algorithm::EdDSA) return eddsa_sign(pkey, input);
  const std::string digest = sha256(input);
  EVP_PKEY_CTX* ctx = prepared_ctx(pkey, alg, PkeyOperation::sign);
  std::size_t len = 0;
  if (EVP_PKEY_sign(ctx, nullptr, &len, bytes(digest), digest.size()) != 1) throw_openssl("EVP_PKEY_sign size");
  std::string sig(len, '\0');
  if (EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len, bytes(digest), digest.size()) != 1) {
    throw_openssl("EVP_PKEY_sign");
  }
  sig.resize(len);
  return sig;
}

bool evp_verify(EVP_PKEY* pkey, Algorithm alg, std::string_view input, std::string_view sig) {
  if (alg == Algorithm::EdDSA) return eddsa_verify(pkey, input, sig);
  const std::string digest = sha256(input);
  EVP_PKEY_CTX* ctx = prepared_ctx(pkey, alg, PkeyOperation::verify);
  const bool ok = EVP_PKEY_verify(ctx, bytes(sig), sig.size(), bytes(digest), digest.size()) == 1;
  if (!ok) clear_errors();
  return ok;
}

}  // namespace

std::string sign_bytes(const SigningKey& key, std::string_view signing_input) {
  const Algorithm alg = key.algorithm();
  if (alg == Algorithm::HS256) return hmac_sha256(KeyAccess::secret(key), signing_input);
  std::string sig = evp_sign(KeyAccess::pkey(key), alg, signing_input);
  return alg == Algorithm::ES256 ? der_to_raw(sig) : sig;
}

bool verify_bytes(const Jwk& key, Algorithm alg, std::string_view signing_input, std::string_view signature) {
  if (!key.accepts(alg)) return false;
  if (alg == Algorithm::HS256) {
    if (signature.size() != kHs256Bytes) return false;
    const std::string expected = hmac_sha256(KeyAccess::secret(key), signing_input);
    // Constant time: a timing leak here would let an attacker forge a MAC byte by byte.
    return CRYPTO_memcmp(expected.data(), signature.data(), kHs256Bytes) == 0;
  }
  if (alg == Algorithm::ES256) {
    const auto der = raw_to_der(signature);
    return der && evp_verify(KeyAccess::pkey(key), alg, signing_input, *der);
  }
  return evp_verify(KeyAccess::pkey(key), alg, signing_input, signature);
}

}  // namespace authly::jose::detail
