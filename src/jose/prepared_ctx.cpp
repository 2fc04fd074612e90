#include "jose/prepared_ctx.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>
#include <vector>

#include "jose/openssl_util.hpp"

namespace authly::jose::detail {
namespace {

constexpr int kPssSaltBytes = 32;  // RFC 7518 §3.5: salt length equals the hash output size
// Signing keys in use at once: the active key per algorithm plus a retiring one.
constexpr std::size_t kCachedContexts = 8;

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

struct Entry {
  const EVP_PKEY* pkey;  // kept alive by ctx's own reference, so the address cannot be reused
  Algorithm alg;
  PkeyOperation op;
  PkeyCtxPtr ctx;
};

PkeyCtxPtr make_ctx(EVP_PKEY* pkey, Algorithm alg, PkeyOperation op) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!ctx) throw_openssl("EVP_PKEY_CTX_new_from_pkey");
  const int init = op == PkeyOperation::sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
  if (init != 1) throw_openssl("EVP_PKEY_sign_init/verify_init");
  if (alg == Algorithm::PS256 && (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1 ||
                                  EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), kPssSaltBytes) != 1 ||
                                  EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), sha256_md()) != 1)) {
    throw_openssl("RSA-PSS parameters");
  }
  if (alg == Algorithm::RS256 && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
    throw_openssl("RSA PKCS #1 v1.5 padding");
  }
  if (EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256_md()) != 1) throw_openssl("EVP_PKEY_CTX_set_signature_md");
  return ctx;
}

}  // namespace

EVP_PKEY_CTX* prepared_ctx(EVP_PKEY* pkey, Algorithm alg, PkeyOperation op) {
  thread_local std::vector<Entry> cache;
  for (const Entry& e : cache)
    if (e.pkey == pkey && e.alg == alg && e.op == op) return e.ctx.get();
  PkeyCtxPtr ctx = make_ctx(pkey, alg, op);
  if (cache.size() >= kCachedContexts) cache.erase(cache.begin());  // the oldest: keys rotate forward
  cache.push_back(Entry{pkey, alg, op, std::move(ctx)});
  return cache.back().ctx.get();
}

}  // namespace authly::jose::detail
