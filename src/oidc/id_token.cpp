#include "oidc/id_token.hpp"

#include <openssl/evp.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/base64url.hpp"
#include "jose/jws.hpp"

namespace authly::oidc {
namespace {

std::string digest(std::string_view data, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) throw std::runtime_error("EVP_Digest failed");
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string issue_id_token(const jose::SigningKey& key, const IdTokenClaims& c) {
  boost::json::object o;
  o["iss"] = c.issuer;
  o["sub"] = c.subject;
  o["aud"] = c.audience;
  o["exp"] = core::to_unix(c.expires_at);
  o["iat"] = core::to_unix(c.issued_at);
  if (c.auth_time != core::TimePoint{}) o["auth_time"] = core::to_unix(c.auth_time);
  if (!c.nonce.empty()) o["nonce"] = c.nonce;
  if (!c.acr.empty()) o["acr"] = c.acr;
  if (!c.amr.empty()) {
    boost::json::array amr;
    for (const auto& m : c.amr) amr.emplace_back(m);
    o["amr"] = std::move(amr);
  }
  if (!c.azp.empty()) o["azp"] = c.azp;
  if (!c.sid.empty()) o["sid"] = c.sid;
  if (!c.at_hash.empty()) o["at_hash"] = c.at_hash;
  // Released user claims never replace the protocol claims above.
  for (const auto& [name, value] : c.extra)
    if (!o.contains(name)) o[name] = value;
  return jose::sign(key, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(o));
}

std::string at_hash(std::string_view access_token, jose::Algorithm alg) {
  // §3.1.3.6 names the hash of the JWS alg; for EdDSA over Ed25519 that is SHA-512 (as the
  // certified providers compute it); every other algorithm Authly signs with uses SHA-256.
  const std::string hash = digest(access_token, alg == jose::Algorithm::EdDSA ? EVP_sha512() : EVP_sha256());
  return core::base64url_encode(std::string_view(hash).substr(0, hash.size() / 2));
}

}  // namespace authly::oidc
