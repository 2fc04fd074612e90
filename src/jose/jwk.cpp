#include "jose/jwk.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/base64url.hpp"
#include "jose/key_access.hpp"
#include "jose/key_codec.hpp"

namespace authly::jose {
namespace {

// RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for HS256) or
// larger MUST be used with this algorithm."
constexpr std::size_t kMinHmacBytes = 32;

}  // namespace

std::string_view to_string(KeyType type) noexcept {
  switch (type) {
    case KeyType::RSA:
      return "RSA";
    case KeyType::EC:
      return "EC";
    case KeyType::OKP:
      return "OKP";
    case KeyType::oct:
      return "oct";
  }
  return {};
}

bool compatible(KeyType type, Algorithm alg) noexcept {
  switch (type) {
    case KeyType::RSA:
      return alg == Algorithm::RS256 || alg == Algorithm::PS256;
    case KeyType::EC:
      return alg == Algorithm::ES256;
    case KeyType::OKP:
      return alg == Algorithm::EdDSA;
    case KeyType::oct:
      return alg == Algorithm::HS256;
  }
  return false;
}

Result<Jwk> Jwk::from_json(const boost::json::object& jwk) {
  auto type = detail::parse_kty(jwk);
  if (!type) return fail(type.error().code, type.error().message);
  auto alg = detail::parse_alg(jwk, *type);
  if (!alg) return fail(alg.error().code, alg.error().message);
  const auto* kid = jwk.if_contains("kid");
  if (kid != nullptr && !kid->is_string()) return fail(ErrorCode::malformed, "JWK kid is not a string");
  auto pkey = detail::pkey_from_jwk(jwk, *type, /*with_private=*/false);
  if (!pkey) return fail(pkey.error().code, pkey.error().message);
  return detail::KeyAccess::make_public(*type, *alg, kid ? std::string(kid->get_string()) : std::string(),
                                        std::move(*pkey));
}

Result<Jwk> Jwk::parse(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return fail(ErrorCode::malformed, "JWK is not a JSON object");
  return from_json(v.get_object());
}

Result<Jwk> Jwk::from_public_pem(std::string_view pem, std::optional<Algorithm> alg, std::string kid) {
  auto pkey = detail::read_public_pem(pem);
  if (!pkey) return fail(ErrorCode::malformed, "not a public key PEM");
  const auto type = detail::classify(pkey.get());
  if (!type) return fail(ErrorCode::unsupported_key, "key is not RSA, EC P-256 or Ed25519");
  if (alg && !compatible(*type, *alg)) return fail(ErrorCode::algorithm_mismatch, "key type does not fit alg");
  if (auto strong = detail::check_strength(pkey.get(), *type); !strong) {
    return fail(strong.error().code, strong.error().message);
  }
  Jwk k = detail::KeyAccess::make_public(*type, alg, std::move(kid), std::move(pkey));
  if (k.kid_.empty()) k.kid_ = k.thumbprint();
  return k;
}

Result<Jwk> Jwk::hmac(std::string secret, std::string kid) {
  if (secret.size() < kMinHmacBytes) return fail(ErrorCode::weak_key, "HS256 secret below 256 bits");
  return detail::KeyAccess::make_hmac(std::move(secret), std::move(kid));
}

bool Jwk::accepts(Algorithm alg) const noexcept { return alg_ ? *alg_ == alg : compatible(type_, alg); }

boost::json::object Jwk::to_json() const {
  boost::json::object o;
  o["kty"] = to_string(type_);
  o["use"] = "sig";
  if (!kid_.empty()) o["kid"] = kid_;
  if (alg_) o["alg"] = to_string(*alg_);
  if (type_ == KeyType::oct) return o;  // the secret "k" is never written
  for (const auto& [name, value] : detail::required_members(pkey_.get(), type_)) {
    if (name != "kty") o[name] = value;
  }
  return o;
}

std::string Jwk::serialize() const { return boost::json::serialize(to_json()); }

std::string Jwk::to_pem() const {
  if (type_ == KeyType::oct) throw std::logic_error("an HS256 key has no PEM form");
  return detail::public_pem(pkey_.get());
}

std::string Jwk::thumbprint() const {
  if (type_ == KeyType::oct) {
    boost::json::object o;  // RFC 7638 §3.2: k, kty
    o["k"] = core::base64url_encode(secret_);
    o["kty"] = "oct";
    return detail::thumbprint(o);
  }
  return detail::thumbprint(detail::required_members(pkey_.get(), type_));
}

}  // namespace authly::jose
