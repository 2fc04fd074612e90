#include "oidc/logout_token.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "jose/jws.hpp"

namespace authly::oidc {

std::string issue_logout_token(const jose::SigningKey& key, const LogoutTokenClaims& c) {
  if (c.subject.empty() && c.sid.empty()) throw std::invalid_argument("a logout token needs sub or sid");
  boost::json::object o;
  o["iss"] = c.issuer;
  o["aud"] = c.audience;
  o["iat"] = core::to_unix(c.issued_at);
  o["exp"] = core::to_unix(c.issued_at + kLogoutTokenTtl);
  o["jti"] = c.jti;
  boost::json::object events;
  events[kBackchannelLogoutEvent] = boost::json::object{};
  o["events"] = std::move(events);
  if (!c.subject.empty()) o["sub"] = c.subject;
  if (!c.sid.empty()) o["sid"] = c.sid;
  return jose::sign(key, jose::HeaderParams{.typ = std::string(kLogoutTokenType)}, boost::json::serialize(o));
}

jose::Algorithm id_token_algorithm(const store::Client& client) {
  const auto alg = jose::algorithm_from_string(client.id_token_signed_response_alg);
  if (!alg || !jose::AlgorithmSet::asymmetric().contains(*alg)) return jose::Algorithm::RS256;
  return *alg;
}

}  // namespace authly::oidc
