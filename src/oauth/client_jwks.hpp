#pragma once
// A client's JWK Set (RFC 7591 §2 jwks, or the document at its jwks_uri) holds the public keys that
// verify its private_key_jwt assertions (RFC 7523 §2.2). It is request input: a client that sends
// private key material (its own `d`, or an `oct` secret in `k`) has leaked it, and Authly would
// store and echo it; a huge set costs every verification a search through it.
#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "jose/jwk_set.hpp"

namespace authly::oauth {

// More keys than any rotation needs (a current and a next key per algorithm).
inline constexpr std::size_t kMaxClientJwks = 20;

// The usable public signing keys of a client JWK Set. Refused (a fixed message, safe to show): not
// a JWK Set object; more than kMaxClientJwks entries in "keys"; any entry holding a private member
// (RFC 7518 §6.2.2 "d"; §6.3.2 "d", "p", "q", "dp", "dq", "qi", "oth"; §6.4.1 "k" of a symmetric key);
// no usable public signing key left.
core::Result<jose::JwkSet, std::string> parse_client_jwks(const boost::json::object& jwks);
core::Result<jose::JwkSet, std::string> parse_client_jwks(std::string_view json);

// The same set with every private member removed, for echoing a stored value that predates the rule.
boost::json::object public_client_jwks(const boost::json::object& jwks);

}  // namespace authly::oauth
