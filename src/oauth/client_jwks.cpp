#include "oauth/client_jwks.hpp"

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace authly::oauth {
namespace {

constexpr std::array<std::string_view, 8> kPrivateMembers = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

bool has_private_member(const boost::json::object& jwk) {
  for (const auto name : kPrivateMembers)
    if (jwk.contains(name)) return true;
  return false;
}

}  // namespace

core::Result<jose::JwkSet, std::string> parse_client_jwks(const boost::json::object& jwks) {
  const auto* keys = jwks.if_contains("keys");
  if (keys == nullptr || !keys->is_array()) return core::fail(std::string("jwks must be a JWK Set with a keys array"));
  if (keys->get_array().size() > kMaxClientJwks)
    return core::fail("jwks holds more than " + std::to_string(kMaxClientJwks) + " keys");
  for (const auto& key : keys->get_array())
    if (key.is_object() && has_private_member(key.get_object()))
      return core::fail(std::string("jwks must hold public keys only (no private or symmetric key material)"));
  auto set = jose::JwkSet::from_json(jwks);
  if (!set || set->empty()) return core::fail(std::string("jwks holds no usable public signing key"));
  return std::move(*set);
}

core::Result<jose::JwkSet, std::string> parse_client_jwks(std::string_view json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) return core::fail(std::string("jwks must be a JWK Set object"));
  return parse_client_jwks(value.get_object());
}

boost::json::object public_client_jwks(const boost::json::object& jwks) {
  boost::json::object out = jwks;
  if (auto* keys = out.if_contains("keys"); keys != nullptr && keys->is_array())
    for (auto& key : keys->get_array())
      if (key.is_object())
        for (const auto name : kPrivateMembers) key.get_object().erase(name);
  return out;
}

}  // namespace authly::oauth
