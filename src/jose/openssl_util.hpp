#pragma once
// Internal to jose/: RAII owners for OpenSSL 3 objects and the few conversions every key type needs.
// Only EVP_PKEY and OSSL_PARAM APIs are used; the low-level RSA_/EC_KEY_ functions are deprecated.
#include <openssl/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace authly::jose::detail {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;  // keys are immutable once built, so copies share them

struct BnFree {
  void operator()(BIGNUM* p) const noexcept;
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// Takes ownership; throws std::runtime_error (with OpenSSL's error queue) when p is null.
PkeyPtr adopt(EVP_PKEY* p, std::string_view what);

// Throws std::runtime_error carrying the OpenSSL error queue: infrastructure failure (DESIGN.md §6).
[[noreturn]] void throw_openssl(std::string_view what);
// Empties OpenSSL's per-thread error queue after an expected failure (e.g. a bad signature).
void clear_errors() noexcept;

BnPtr bn_from_bytes(std::string_view big_endian);
// Big-endian bytes, left-padded with zeros to `pad` octets when pad > 0 (RFC 7518 §6.2.1.2).
std::string bn_to_bytes(const BIGNUM* bn, std::size_t pad = 0);
// A BIGNUM key parameter such as "n" or "qx" as big-endian bytes.
std::string bn_param(const EVP_PKEY* pkey, const char* name, std::size_t pad = 0);

// SHA-256 through an implementation fetched once per process (sha256_md()).
const EVP_MD* sha256_md();
std::string sha256(std::string_view data);

std::string private_pem(const EVP_PKEY* pkey);   // PKCS#8, unencrypted: callers seal it at rest
std::string public_pem(const EVP_PKEY* pkey);    // SubjectPublicKeyInfo
PkeyPtr read_private_pem(std::string_view pem);  // null when unparsable; never prompts for a passphrase
PkeyPtr read_public_pem(std::string_view pem);   // null when unparsable
// A copy holding only the public half, so a verification key can never leak private material.
PkeyPtr public_only(const EVP_PKEY* pkey);

}  // namespace authly::jose::detail
