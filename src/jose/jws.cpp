#include "jose/jws.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/base64url.hpp"
#include "jose/signature.hpp"

namespace authly::jose {
namespace {

// A compact JWS split and decoded, not yet verified.
struct Parsed {
  Algorithm alg;
  std::string kid;
  boost::json::object header;
  std::string payload;
  std::string signature;
  std::string_view signing_input;  // BASE64URL(header) '.' BASE64URL(payload), as received
};

Result<boost::json::object> parse_object(std::string_view json, const char* what) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return fail(ErrorCode::malformed, std::string(what) + " is not a JSON object");
  return std::move(v.get_object());
}

// RFC 7515 §7.1: exactly three parts. The strict decoder rejects '=' padding, characters outside the
// base64url alphabet and non-zero trailing bits, so each token has exactly one accepted spelling.
Result<std::array<std::string_view, 3>> split(std::string_view token) {
  if (token.size() > kMaxCompactJwsBytes) return fail(ErrorCode::malformed, "JWS too large");
  std::array<std::string_view, 3> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const std::size_t dot = token.find('.', start);
    if (dot == std::string_view::npos) return fail(ErrorCode::malformed, "JWS needs three parts");
    parts[i] = token.substr(start, dot - start);
    start = dot + 1;
  }
  parts[2] = token.substr(start);
  if (parts[2].find('.') != std::string_view::npos) return fail(ErrorCode::malformed, "JWS has more than three parts");
  if (parts[0].empty()) return fail(ErrorCode::malformed, "JWS header is empty");
  return parts;
}

Result<boost::json::object> decode_header(std::string_view b64) {
  auto json = core::base64url_decode(b64);
  if (!json) return fail(ErrorCode::malformed, "JWS header is not base64url");
  return parse_object(*json, "JWS header");
}

Result<Parsed> parse(std::string_view token) {
  auto parts = split(token);
  if (!parts) return fail(parts.error().code, parts.error().message);
  const auto& [h64, p64, s64] = *parts;
  auto header = decode_header(h64);
  if (!header) return fail(header.error().code, header.error().message);

  const auto* alg_v = header->if_contains("alg");
  if (alg_v == nullptr || !alg_v->is_string()) return fail(ErrorCode::malformed, "JWS header without alg");
  const auto alg = algorithm_from_string(alg_v->get_string());
  // "none" (RFC 7518 §3.6) has no enumerator, so it lands here with every other unknown name.
  if (!alg) return fail(ErrorCode::unsupported_algorithm, "unsupported alg: " + std::string(alg_v->get_string()));
  // RFC 7515 §4.1.11: a recipient MUST reject a JWS whose "crit" lists extensions it does not
  // understand. Authly implements none, so any "crit" is refused.
  if (header->contains("crit")) return fail(ErrorCode::unsupported_critical_header, "crit header not supported");
  std::string kid;
  if (const auto* kid_v = header->if_contains("kid"); kid_v != nullptr) {
    if (!kid_v->is_string()) return fail(ErrorCode::malformed, "JWS kid is not a string");
    kid = kid_v->get_string();
  }
  auto payload = core::base64url_decode(p64);
  if (!payload) return fail(ErrorCode::malformed, "JWS payload is not base64url");
  auto signature = core::base64url_decode(s64);
  if (!signature) return fail(ErrorCode::malformed, "JWS signature is not base64url");
  if (signature->empty()) return fail(ErrorCode::invalid_signature, "JWS signature is empty");
  return Parsed{*alg,
                std::move(kid),
                std::move(*header),
                std::move(*payload),
                std::move(*signature),
                token.substr(0, h64.size() + 1 + p64.size())};
}

Result<VerifiedJws> check(Parsed&& p, const Jwk& key) {
  if (!detail::verify_bytes(key, p.alg, p.signing_input, p.signature)) {
    return fail(ErrorCode::invalid_signature, "JWS signature does not verify");
  }
  return VerifiedJws{p.alg, std::move(p.header), std::move(p.payload)};
}

std::string assemble(const SigningKey& key, std::string_view header_json, std::string_view payload) {
  std::string input = core::base64url_encode(header_json);
  input += '.';
  input += core::base64url_encode(payload);
  const std::string signature = detail::sign_bytes(key, input);
  input += '.';
  input += core::base64url_encode(signature);
  return input;
}

}  // namespace

std::string sign(const SigningKey& key, const HeaderParams& header, std::string_view payload) {
  boost::json::object h;
  h["alg"] = to_string(key.algorithm());
  if (!key.kid().empty()) h["kid"] = key.kid();
  if (!header.typ.empty()) h["typ"] = header.typ;
  for (const auto& [name, value] : header.extra) {
    if (name == "alg" || name == "kid" || name == "typ" || name == "crit") {
      throw std::invalid_argument("HeaderParams::extra may not set " + std::string(name));
    }
    h[name] = value;
  }
  return assemble(key, boost::json::serialize(h), payload);
}

std::string sign(const SigningKey& key, std::string_view payload) { return sign(key, HeaderParams{}, payload); }

std::string sign_with_protected_header(const SigningKey& key, std::string_view header_json, std::string_view payload) {
  auto header = parse_object(header_json, "header");
  const auto* alg = header ? header->if_contains("alg") : nullptr;
  if (alg == nullptr || !alg->is_string() || alg->get_string() != to_string(key.algorithm())) {
    throw std::invalid_argument("protected header must carry the key's alg");
  }
  return assemble(key, header_json, payload);
}

Result<VerifiedJws> verify(std::string_view token, const JwkSet& keys, AlgorithmSet allowed) {
  auto p = parse(token);
  if (!p) return fail(p.error().code, p.error().message);
  if (!allowed.contains(p->alg)) return fail(ErrorCode::algorithm_not_allowed, "alg not allowed here");
  const Jwk* key = keys.find(p->kid, p->alg);
  if (key == nullptr) {
    if (!p->kid.empty() && keys.find_kid(p->kid) != nullptr) {
      return fail(ErrorCode::algorithm_mismatch, "key " + p->kid + " is not for " + std::string(to_string(p->alg)));
    }
    return fail(ErrorCode::key_not_found, "no single key for kid '" + p->kid + "'");
  }
  return check(std::move(*p), *key);
}

Result<VerifiedJws> verify(std::string_view token, const Jwk& key, AlgorithmSet allowed) {
  auto p = parse(token);
  if (!p) return fail(p.error().code, p.error().message);
  if (!allowed.contains(p->alg)) return fail(ErrorCode::algorithm_not_allowed, "alg not allowed here");
  if (!p->kid.empty() && !key.kid().empty() && p->kid != key.kid()) {
    return fail(ErrorCode::key_not_found, "kid '" + p->kid + "' is not the key's");
  }
  if (!key.accepts(p->alg)) return fail(ErrorCode::algorithm_mismatch, "key is not for this alg");
  return check(std::move(*p), key);
}

Result<boost::json::object> decode_header_unverified(std::string_view token) {
  auto parts = split(token);
  if (!parts) return fail(parts.error().code, parts.error().message);
  return decode_header((*parts)[0]);
}

}  // namespace authly::jose
