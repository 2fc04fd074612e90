#pragma once
// A JWK Set (RFC 7517 §5): the keys a verifier trusts, or the document /oidc/jwks publishes.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "jose/algorithm.hpp"
#include "jose/error.hpp"
#include "jose/jwk.hpp"

namespace authly::jose {

class JwkSet {
 public:
  JwkSet() = default;
  explicit JwkSet(std::vector<Jwk> keys) : keys_(std::move(keys)) {}

  // {"keys":[...]}. RFC 7517 §5: keys we cannot use are skipped, not fatal: unsupported kty/crv/alg,
  // missing members, RSA below 2048 bits, "use" other than "sig", "key_ops" without "verify", and
  // any "oct" key (shared secrets are never taken from a key set). malformed when "keys" is not an array.
  static Result<JwkSet> from_json(const boost::json::object& jwks);
  static Result<JwkSet> parse(std::string_view json);

  void add(Jwk key) { keys_.push_back(std::move(key)); }
  const std::vector<Jwk>& keys() const noexcept { return keys_; }
  std::size_t size() const noexcept { return keys_.size(); }
  bool empty() const noexcept { return keys_.empty(); }

  // The key with this kid that accepts alg. With an empty kid, the only key accepting alg, or nullptr
  // when there is none or more than one (never guess between keys).
  const Jwk* find(std::string_view kid, Algorithm alg) const noexcept;
  // Any key with this kid, whatever its algorithm.
  const Jwk* find_kid(std::string_view kid) const noexcept;

  // {"keys":[...]} with public members only: never "d", "p", "q", "dp", "dq", "qi" or "k"; HS256 keys
  // are left out entirely.
  boost::json::object to_json() const;
  std::string serialize() const;

 private:
  std::vector<Jwk> keys_;
};

}  // namespace authly::jose
