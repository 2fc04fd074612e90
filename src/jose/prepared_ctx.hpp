#pragma once
// Internal to jose/: OpenSSL 3 looks an algorithm up by name (under a lock) every time a signing or
// verification context is made, which costs a JWS more than the ECDSA arithmetic's tail. This keeps,
// per thread, one context per key already initialized for the operation, as `openssl speed` does.
#include <openssl/types.h>

#include "jose/algorithm.hpp"

namespace authly::jose::detail {

enum class PkeyOperation { sign, verify };

// A context for `op` with `pkey`, SHA-256 as the signature digest and the padding `alg` names
// (RFC 7518 §3.3 PKCS #1 v1.5, §3.5 PSS). Owned by the calling thread; valid until that thread's
// next call. A cached context holds a reference to its key, so a retired key is freed when the
// small per-thread cache drops it. Not for EdDSA, which signs the message rather than a digest.
EVP_PKEY_CTX* prepared_ctx(EVP_PKEY* pkey, Algorithm alg, PkeyOperation op);

}  // namespace authly::jose::detail
