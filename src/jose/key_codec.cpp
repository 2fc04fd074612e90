#include "jose/key_codec.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include <boost/json/serialize.hpp>
#include <cstring>
#include <deque>
#include <vector>

#include "core/base64url.hpp"

namespace authly::jose::detail {
namespace {

constexpr std::size_t kP256Bytes = 32;     // RFC 7518 §6.2.1.2: coordinates are always full length
constexpr std::size_t kEd25519Bytes = 32;  // RFC 8037 §2
constexpr int kMinRsaBits = 2048;

struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
using CtxPtr = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;
struct BldFree {
  void operator()(OSSL_PARAM_BLD* p) const noexcept { OSSL_PARAM_BLD_free(p); }
};
// OpenSSL 3.0 has no OSSL_PARAM_clear_free: wipe the copies of private key parts by hand.
struct ParamFree {
  void operator()(OSSL_PARAM* params) const noexcept {
    for (OSSL_PARAM* p = params; p->key != nullptr; ++p) OPENSSL_cleanse(p->data, p->data_size);
    OSSL_PARAM_free(params);
  }
};

Result<std::string> member(const boost::json::object& jwk, std::string_view name) {
  const auto* v = jwk.if_contains(name);
  if (v == nullptr || !v->is_string()) return fail(ErrorCode::malformed, "JWK member missing: " + std::string(name));
  auto bytes = core::base64url_decode(v->get_string());
  if (!bytes || bytes->empty()) return fail(ErrorCode::malformed, "JWK member not base64url: " + std::string(name));
  return std::move(*bytes);
}

std::string_view string_member(const boost::json::object& jwk, std::string_view name) {
  const auto* v = jwk.if_contains(name);
  return (v != nullptr && v->is_string()) ? std::string_view(v->get_string()) : std::string_view();
}

// Runs EVP_PKEY_fromdata over the collected parameters; invalid_key when OpenSSL refuses them.
class KeyBuilder {
 public:
  KeyBuilder() : bld_(OSSL_PARAM_BLD_new()) {
    if (!bld_) throw_openssl("OSSL_PARAM_BLD_new");
  }
  void bn(const char* name, std::string_view bytes) {
    bns_.push_back(bn_from_bytes(bytes));  // must outlive OSSL_PARAM_BLD_to_param
    if (OSSL_PARAM_BLD_push_BN(bld_.get(), name, bns_.back().get()) != 1) throw_openssl("OSSL_PARAM_BLD_push_BN");
  }
  void utf8(const char* name, const char* value) {
    if (OSSL_PARAM_BLD_push_utf8_string(bld_.get(), name, value, 0) != 1) throw_openssl("push_utf8_string");
  }
  void octets(const char* name, std::string bytes) {
    octets_.push_back(std::move(bytes));  // OSSL_PARAM_BLD keeps a pointer until to_param
    if (OSSL_PARAM_BLD_push_octet_string(bld_.get(), name, octets_.back().data(), octets_.back().size()) != 1) {
      throw_openssl("push_octet_string");
    }
  }
  Result<PkeyPtr> build(const char* type, bool with_private) {
    std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld_.get()));
    if (!params) throw_openssl("OSSL_PARAM_BLD_to_param");
    CtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) throw_openssl("EVP_PKEY_fromdata_init");
    EVP_PKEY* raw = nullptr;
    const int selection = with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
    if (EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1 || raw == nullptr) {
      clear_errors();
      return fail(ErrorCode::invalid_key, std::string("key parameters rejected for ") + type);
    }
    return PkeyPtr(raw, EVP_PKEY_free);
  }

 private:
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld_;
  std::vector<BnPtr> bns_;
  std::deque<std::string> octets_;  // a deque never moves its elements
};

// EVP_PKEY_public_check / EVP_PKEY_pairwise_check as a plain yes/no.
bool key_check(const PkeyPtr& pkey, bool pairwise) {
  CtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!ctx) throw_openssl("EVP_PKEY_CTX_new_from_pkey");
  const bool ok = (pairwise ? EVP_PKEY_pairwise_check(ctx.get()) : EVP_PKEY_public_check(ctx.get())) == 1;
  if (!ok) clear_errors();
  return ok;
}

Result<PkeyPtr> rsa_from_jwk(const boost::json::object& jwk, bool with_private) {
  auto n = member(jwk, "n");
  if (!n) return fail(n.error().code, n.error().message);
  auto e = member(jwk, "e");
  if (!e) return fail(e.error().code, e.error().message);
  const BnPtr n_bn = bn_from_bytes(*n);
  if (BN_num_bits(n_bn.get()) < kMinRsaBits) return fail(ErrorCode::weak_key, "RSA modulus below 2048 bits");
  const BnPtr e_bn = bn_from_bytes(*e);
  // An even or tiny exponent makes RSA verification meaningless (e = 1 accepts any signature).
  if (!BN_is_odd(e_bn.get()) || BN_num_bits(e_bn.get()) < 2) return fail(ErrorCode::invalid_key, "bad RSA exponent");

  KeyBuilder b;
  b.bn(OSSL_PKEY_PARAM_RSA_N, *n);
  b.bn(OSSL_PKEY_PARAM_RSA_E, *e);
  if (with_private) {
    if (jwk.contains("oth")) return fail(ErrorCode::unsupported_key, "multi-prime RSA (oth) is not supported");
    // RFC 7518 §6.3.2 lets a producer omit the CRT members; we require them so the pair can be checked.
    const std::pair<const char*, const char*> members[] = {
        {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
    };
    for (const auto& [json_name, param] : members) {
      auto v = member(jwk, json_name);
      if (!v) return fail(v.error().code, v.error().message);
      b.bn(param, *v);
    }
  }
  auto pkey = b.build("RSA", with_private);
  if (pkey && with_private && !key_check(*pkey, true)) {
    return fail(ErrorCode::invalid_key, "RSA private members do not match the public key");
  }
  return pkey;
}

Result<PkeyPtr> ec_from_jwk(const boost::json::object& jwk, bool with_private) {
  if (string_member(jwk, "crv") != "P-256") return fail(ErrorCode::unsupported_key, "EC curve is not P-256");
  auto x = member(jwk, "x");
  if (!x) return fail(x.error().code, x.error().message);
  auto y = member(jwk, "y");
  if (!y) return fail(y.error().code, y.error().message);
  if (x->size() != kP256Bytes || y->size() != kP256Bytes) {
    return fail(ErrorCode::invalid_key, "P-256 coordinates must be 32 bytes");
  }
  KeyBuilder b;
  b.utf8(OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1");
  b.octets(OSSL_PKEY_PARAM_PUB_KEY, "\x04" + *x + *y);  // SEC 1 uncompressed point
  if (with_private) {
    auto d = member(jwk, "d");
    if (!d) return fail(d.error().code, d.error().message);
    if (d->size() != kP256Bytes) return fail(ErrorCode::invalid_key, "P-256 private key must be 32 bytes");
    b.bn(OSSL_PKEY_PARAM_PRIV_KEY, *d);
  }
  auto pkey = b.build("EC", with_private);
  if (!pkey) return pkey;
  // An off-curve point enables invalid-curve attacks; reject it before it is ever used.
  if (!key_check(*pkey, false)) return fail(ErrorCode::invalid_key, "EC point is not on P-256");
  if (with_private && !key_check(*pkey, true)) return fail(ErrorCode::invalid_key, "EC d does not match x, y");
  return pkey;
}

Result<PkeyPtr> okp_from_jwk(const boost::json::object& jwk, bool with_private) {
  if (string_member(jwk, "crv") != "Ed25519") return fail(ErrorCode::unsupported_key, "OKP curve is not Ed25519");
  auto x = member(jwk, "x");
  if (!x) return fail(x.error().code, x.error().message);
  if (x->size() != kEd25519Bytes) return fail(ErrorCode::invalid_key, "Ed25519 public key must be 32 bytes");
  const auto* xp = reinterpret_cast<const unsigned char*>(x->data());
  if (!with_private) {
    EVP_PKEY* raw = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, xp, x->size());
    if (raw == nullptr) {
      clear_errors();
      return fail(ErrorCode::invalid_key, "Ed25519 public key rejected");
    }
    return PkeyPtr(raw, EVP_PKEY_free);
  }
  auto d = member(jwk, "d");
  if (!d) return fail(d.error().code, d.error().message);
  if (d->size() != kEd25519Bytes) return fail(ErrorCode::invalid_key, "Ed25519 private key must be 32 bytes");
  PkeyPtr pkey = adopt(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                                    reinterpret_cast<const unsigned char*>(d->data()), d->size()),
                       "EVP_PKEY_new_raw_private_key");
  unsigned char derived[kEd25519Bytes];
  std::size_t len = sizeof derived;
  if (EVP_PKEY_get_raw_public_key(pkey.get(), derived, &len) != 1) throw_openssl("EVP_PKEY_get_raw_public_key");
  if (len != x->size() || std::memcmp(derived, xp, len) != 0) {
    return fail(ErrorCode::invalid_key, "Ed25519 d does not match x");
  }
  return pkey;
}

}  // namespace

std::optional<KeyType> classify(const EVP_PKEY* pkey) {
  if (EVP_PKEY_is_a(pkey, "RSA")) return KeyType::RSA;
  if (EVP_PKEY_is_a(pkey, "ED25519")) return KeyType::OKP;
  if (EVP_PKEY_is_a(pkey, "EC")) {
    char name[64];
    std::size_t len = 0;
    if (EVP_PKEY_get_group_name(pkey, name, sizeof name, &len) != 1) {
      clear_errors();
      return std::nullopt;
    }
    const std::string_view group(name, len);
    if (group == "prime256v1" || group == "P-256") return KeyType::EC;
  }
  return std::nullopt;
}

Result<core::Ok> check_strength(const EVP_PKEY* pkey, KeyType type) {
  if (type == KeyType::RSA && EVP_PKEY_get_bits(pkey) < kMinRsaBits) {
    return fail(ErrorCode::weak_key, "RSA modulus below 2048 bits");
  }
  return core::Ok{};
}

Result<KeyType> parse_kty(const boost::json::object& jwk) {
  const auto* v = jwk.if_contains("kty");
  if (v == nullptr || !v->is_string()) return fail(ErrorCode::malformed, "JWK without kty");
  const std::string_view kty = v->get_string();
  if (kty == "RSA") return KeyType::RSA;
  if (kty == "EC") return KeyType::EC;
  if (kty == "OKP") return KeyType::OKP;
  return fail(ErrorCode::unsupported_key, "unsupported kty: " + std::string(kty));
}

Result<std::optional<Algorithm>> parse_alg(const boost::json::object& jwk, KeyType type) {
  const auto* v = jwk.if_contains("alg");
  if (v == nullptr) return std::optional<Algorithm>();
  if (!v->is_string()) return fail(ErrorCode::malformed, "JWK alg is not a string");
  const auto alg = algorithm_from_string(v->get_string());
  if (!alg) return fail(ErrorCode::unsupported_algorithm, "unsupported JWK alg: " + std::string(v->get_string()));
  if (!compatible(type, *alg)) return fail(ErrorCode::algorithm_mismatch, "JWK alg does not fit its kty");
  return std::optional<Algorithm>(*alg);
}

Result<PkeyPtr> pkey_from_jwk(const boost::json::object& jwk, KeyType type, bool with_private) {
  switch (type) {
    case KeyType::RSA:
      return rsa_from_jwk(jwk, with_private);
    case KeyType::EC:
      return ec_from_jwk(jwk, with_private);
    case KeyType::OKP:
      return okp_from_jwk(jwk, with_private);
    case KeyType::oct:
      break;
  }
  return fail(ErrorCode::unsupported_key, "oct keys are not imported from JWKs");
}

boost::json::object required_members(const EVP_PKEY* pkey, KeyType type) {
  using core::base64url_encode;
  boost::json::object o;
  switch (type) {
    case KeyType::RSA:
      o["e"] = base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_RSA_E));
      o["kty"] = "RSA";
      o["n"] = base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_RSA_N));
      break;
    case KeyType::EC:
      o["crv"] = "P-256";
      o["kty"] = "EC";
      o["x"] = base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, kP256Bytes));
      o["y"] = base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, kP256Bytes));
      break;
    case KeyType::OKP: {
      unsigned char x[kEd25519Bytes];
      std::size_t len = sizeof x;
      if (EVP_PKEY_get_raw_public_key(pkey, x, &len) != 1) throw_openssl("EVP_PKEY_get_raw_public_key");
      o["crv"] = "Ed25519";
      o["kty"] = "OKP";
      o["x"] = base64url_encode(std::string_view(reinterpret_cast<const char*>(x), len));
      break;
    }
    case KeyType::oct:
      break;
  }
  return o;
}

std::string thumbprint(const boost::json::object& required) {
  // boost::json keeps insertion order and writes no whitespace: exactly the RFC 7638 §3.3 form.
  return core::base64url_encode(sha256(boost::json::serialize(required)));
}

}  // namespace authly::jose::detail
