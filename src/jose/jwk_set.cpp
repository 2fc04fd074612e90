#include "jose/jwk_set.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace authly::jose {
namespace {

// RFC 7517 §4.2/§4.3: a key restricted to another use must not verify signatures.
bool usable_for_signatures(const boost::json::object& jwk) {
  if (const auto* use = jwk.if_contains("use"); use != nullptr) {
    if (!use->is_string() || use->get_string() != "sig") return false;
  }
  if (const auto* ops = jwk.if_contains("key_ops"); ops != nullptr) {
    if (!ops->is_array()) return false;
    for (const auto& op : ops->get_array()) {
      if (op.is_string() && op.get_string() == "verify") return true;
    }
    return false;
  }
  return true;
}

}  // namespace

Result<JwkSet> JwkSet::from_json(const boost::json::object& jwks) {
  const auto* keys = jwks.if_contains("keys");
  if (keys == nullptr || !keys->is_array()) return fail(ErrorCode::malformed, "JWKS without a keys array");
  JwkSet set;
  for (const auto& entry : keys->get_array()) {
    if (!entry.is_object() || !usable_for_signatures(entry.get_object())) continue;
    auto key = Jwk::from_json(entry.get_object());
    if (key) set.add(std::move(*key));
  }
  return set;
}

Result<JwkSet> JwkSet::parse(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return fail(ErrorCode::malformed, "JWKS is not a JSON object");
  return from_json(v.get_object());
}

const Jwk* JwkSet::find(std::string_view kid, Algorithm alg) const noexcept {
  const Jwk* found = nullptr;
  for (const auto& k : keys_) {
    if (!k.accepts(alg)) continue;
    if (!kid.empty()) {
      if (k.kid() == kid) return &k;
      continue;
    }
    if (found != nullptr) return nullptr;  // ambiguous without a kid
    found = &k;
  }
  return found;
}

const Jwk* JwkSet::find_kid(std::string_view kid) const noexcept {
  for (const auto& k : keys_) {
    if (k.kid() == kid) return &k;
  }
  return nullptr;
}

boost::json::object JwkSet::to_json() const {
  boost::json::array arr;
  for (const auto& k : keys_) {
    if (k.type() != KeyType::oct) arr.push_back(k.to_json());
  }
  boost::json::object o;
  o["keys"] = std::move(arr);
  return o;
}

std::string JwkSet::serialize() const { return boost::json::serialize(to_json()); }

}  // namespace authly::jose
