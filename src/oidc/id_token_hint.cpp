#include "oidc/id_token_hint.hpp"

#include <algorithm>
#include <boost/json/object.hpp>

#include "jose/jws.hpp"
#include "jose/jwt_claims.hpp"

namespace authly::oidc {
namespace {

oauth::OAuthError invalid_hint(std::string detail) {
  return oauth::make_error(oauth::ErrorCode::invalid_request,
                           "The id_token_hint is not a valid ID token from this server", std::move(detail));
}

std::string string_claim(const boost::json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().as_string());
}

}  // namespace

core::Result<IdTokenHint, oauth::OAuthError> verify_id_token_hint(std::string_view token, const jose::JwkSet& keys,
                                                                  std::string_view issuer) {
  auto verified = jose::verify(token, keys, jose::AlgorithmSet::asymmetric());
  if (!verified) return core::fail(invalid_hint("signature: " + verified.error().message));
  if (auto typ = verified->header.find("typ"); typ != verified->header.end()) {
    // RFC 7515 §4.1.9: media type names are case-insensitive; "JWT" is what ID tokens carry.
    if (!typ->value().is_string()) return core::fail(invalid_hint("typ is not a string"));
    std::string t(typ->value().as_string());
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (t != "jwt" && t != "application/jwt") return core::fail(invalid_hint("typ " + t + " is not an ID token"));
  }
  auto claims = jose::parse_claims(verified->payload);
  if (!claims) return core::fail(invalid_hint("claims: " + claims.error().message));
  const boost::json::object& o = *claims;

  if (auto iss = o.find("iss"); iss == o.end() || !iss->value().is_string() || iss->value().as_string() != issuer)
    return core::fail(invalid_hint("wrong issuer"));
  IdTokenHint out;
  out.subject = string_claim(o, "sub");
  if (out.subject.empty()) return core::fail(invalid_hint("sub missing"));
  if (auto aud = o.find("aud"); aud != o.end()) {
    if (aud->value().is_string()) out.audience.emplace_back(aud->value().as_string());
    if (aud->value().is_array())
      for (const auto& a : aud->value().as_array()) {
        if (!a.is_string()) return core::fail(invalid_hint("aud holds a non-string"));
        out.audience.emplace_back(a.as_string());
      }
  }
  out.audience.erase(std::remove(out.audience.begin(), out.audience.end(), std::string()), out.audience.end());
  if (out.audience.empty()) return core::fail(invalid_hint("aud missing"));
  out.azp = string_claim(o, "azp");
  out.sid = string_claim(o, "sid");
  // exp deliberately not checked (RP-Initiated Logout §4).
  return out;
}

core::Result<std::string, oauth::OAuthError> hint_client(const IdTokenHint& hint, std::string_view client_id) {
  const auto& aud = hint.audience;
  auto is_audience = [&](std::string_view id) { return std::find(aud.begin(), aud.end(), id) != aud.end(); };
  if (!client_id.empty()) {
    if (!is_audience(client_id))
      return core::fail(oauth::make_error(oauth::ErrorCode::invalid_request,
                                          "client_id does not match the client the id_token_hint was issued to"));
    return std::string(client_id);
  }
  if (aud.size() == 1) return aud.front();
  if (!hint.azp.empty() && is_audience(hint.azp)) return hint.azp;
  return core::fail(
      oauth::make_error(oauth::ErrorCode::invalid_request, "the id_token_hint has several audiences: send client_id"));
}

}  // namespace authly::oidc
