#include "jose/openssl_util.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace authly::jose::detail {
namespace {

struct BioFree {
  void operator()(BIO* p) const noexcept { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr memory_bio() {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) throw_openssl("BIO_new");
  return bio;
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

BioPtr read_bio(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) throw_openssl("BIO_new_mem_buf");
  return bio;
}

// An encrypted PEM must fail, not block on a terminal prompt for its passphrase.
int no_passphrase(char*, int, int, void*) { return 0; }

}  // namespace

// Cleared on free: some of these numbers are private key parts.
void BnFree::operator()(BIGNUM* p) const noexcept { BN_clear_free(p); }

PkeyPtr adopt(EVP_PKEY* p, std::string_view what) {
  if (p == nullptr) throw_openssl(what);
  return PkeyPtr(p, EVP_PKEY_free);
}

void throw_openssl(std::string_view what) {
  std::string msg = "OpenSSL: " + std::string(what);
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    msg += "; ";
    msg += buf;
  }
  throw std::runtime_error(msg);
}

void clear_errors() noexcept { ERR_clear_error(); }

BnPtr bn_from_bytes(std::string_view big_endian) {
  BnPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(big_endian.data()), static_cast<int>(big_endian.size()),
                     nullptr));
  if (!bn) throw_openssl("BN_bin2bn");
  return bn;
}

std::string bn_to_bytes(const BIGNUM* bn, std::size_t pad) {
  const std::size_t n = static_cast<std::size_t>(BN_num_bytes(bn));
  std::string out(pad > n ? pad : n, '\0');
  if (BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size())) < 0) {
    throw_openssl("BN_bn2binpad");
  }
  return out;
}

std::string bn_param(const EVP_PKEY* pkey, const char* name, std::size_t pad) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) throw_openssl(std::string("EVP_PKEY_get_bn_param ") + name);
  BnPtr bn(raw);
  return bn_to_bytes(bn.get(), pad);
}

const EVP_MD* sha256_md() {
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the implementation up by name on every use.
  static EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) throw_openssl("EVP_MD_fetch(SHA256)");
    return fetched;
  }();
  return md;
}

std::string sha256(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, sha256_md(), nullptr) != 1) throw_openssl("EVP_Digest");
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string private_pem(const EVP_PKEY* pkey) {
  auto bio = memory_bio();
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") for every key type.
  if (PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw_openssl("PEM_write_bio_PrivateKey");
  }
  return drain(bio.get());
}

std::string public_pem(const EVP_PKEY* pkey) {
  auto bio = memory_bio();
  if (PEM_write_bio_PUBKEY(bio.get(), pkey) != 1) throw_openssl("PEM_write_bio_PUBKEY");
  return drain(bio.get());
}

PkeyPtr read_private_pem(std::string_view pem) {
  auto bio = read_bio(pem);
  EVP_PKEY* p = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr);
  if (p == nullptr) {
    clear_errors();
    return nullptr;
  }
  return PkeyPtr(p, EVP_PKEY_free);
}

PkeyPtr read_public_pem(std::string_view pem) {
  auto bio = read_bio(pem);
  EVP_PKEY* p = PEM_read_bio_PUBKEY(bio.get(), nullptr, no_passphrase, nullptr);
  if (p == nullptr) {
    clear_errors();
    return nullptr;
  }
  return PkeyPtr(p, EVP_PKEY_free);
}

PkeyPtr public_only(const EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(pkey, &der);
  if (len <= 0) throw_openssl("i2d_PUBKEY");
  const unsigned char* p = der;
  EVP_PKEY* pub = d2i_PUBKEY(nullptr, &p, len);
  OPENSSL_free(der);
  return adopt(pub, "d2i_PUBKEY");
}

}  // namespace authly::jose::detail
