#include "oidc/userinfo_response.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "jose/jws.hpp"
#include "oauth/client_metadata.hpp"

namespace authly::oidc {

std::optional<jose::Algorithm> userinfo_signing_alg(const store::Client& client) {
  if (client.userinfo_signed_response_alg.empty()) return std::nullopt;
  // The registration rule again: a row written around ClientService must not get a weaker answer.
  if (oauth::check_userinfo_signed_response_alg(client.userinfo_signed_response_alg))
    throw std::runtime_error("client " + client.id + " has an unusable userinfo_signed_response_alg");
  return jose::algorithm_from_string(client.userinfo_signed_response_alg).value();
}

std::string sign_userinfo(const jose::SigningKey& key, boost::json::object claims, std::string_view issuer,
                          std::string_view client_id) {
  claims["iss"] = issuer;
  claims["aud"] = client_id;
  return jose::sign(key, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(claims));
}

}  // namespace authly::oidc
