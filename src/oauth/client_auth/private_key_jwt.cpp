#include "oauth/client_auth/private_key_jwt.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "core/base64url.hpp"
#include "jose/jws.hpp"
#include "jose/jwt_claims.hpp"

namespace authly::oauth {
namespace {

constexpr std::size_t kMaxJtiLength = 256;

OAuthError invalid_client(std::string detail) {
  return make_error(ErrorCode::invalid_client, "client assertion rejected", std::move(detail));
}

std::optional<std::string> string_claim(const boost::json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

bool audience_matches(const boost::json::object& o, const std::vector<std::string>& accepted) {
  auto it = o.find("aud");
  if (it == o.end()) return false;
  auto ok = [&](const boost::json::value& v) {
    return v.is_string() &&
           std::find(accepted.begin(), accepted.end(), std::string_view(v.as_string())) != accepted.end();
  };
  if (it->value().is_array()) return std::any_of(it->value().as_array().begin(), it->value().as_array().end(), ok);
  return ok(it->value());
}

}  // namespace

std::optional<std::string> assertion_client_id_unverified(std::string_view assertion) {
  if (assertion.size() > jose::kMaxCompactJwsBytes) return std::nullopt;
  const auto first = assertion.find('.');
  const auto second = first == std::string_view::npos ? first : assertion.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto payload = core::base64url_decode(assertion.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*payload, ec);
  if (ec || !value.is_object()) return std::nullopt;
  if (auto sub = string_claim(value.as_object(), "sub")) return sub;
  return string_claim(value.as_object(), "iss");
}

core::Result<core::Ok, OAuthError> verify_client_assertion(std::string_view assertion, const std::string& client_id,
                                                           const jose::JwkSet& keys, const AssertionRules& rules,
                                                           store::TokenRepository& tokens) {
  // Asymmetric algorithms only: HS256 would be client_secret_jwt, which Authly does not offer.
  auto verified = jose::verify(assertion, keys, jose::AlgorithmSet::asymmetric());
  if (!verified) return core::fail(invalid_client("signature: " + verified.error().message));
  auto claims = jose::parse_claims(verified->payload);
  if (!claims) return core::fail(invalid_client("claims: " + claims.error().message));
  const boost::json::object& o = *claims;

  // RFC 7523 §3 items 1-2, OIDC Core §9: iss and sub are both the client_id.
  if (string_claim(o, "iss") != client_id || string_claim(o, "sub") != client_id)
    return core::fail(invalid_client("iss and sub must both be the client_id"));
  // §3 item 3: aud identifies this authorization server.
  if (!audience_matches(o, rules.audiences)) return core::fail(invalid_client("aud does not name this server"));
  // §3 item 4: exp is required and in the future; a bound on it keeps the jti table small and a
  // stolen assertion short-lived.
  // Saturated: a client's exp of 1e300 is "too far in the future", not an overflow.
  const auto exp = jose::numeric_date_claim(o, "exp");
  if (!exp) return core::fail(invalid_client("exp missing"));
  const core::TimePoint expires_at = *exp;
  if (expires_at <= rules.now) return core::fail(invalid_client("expired"));
  if (expires_at > rules.now + rules.max_lifetime) return core::fail(invalid_client("exp too far in the future"));
  // §3 items 5-6: nbf and iat, when present, are not in the future.
  if (auto nbf = jose::numeric_date_claim(o, "nbf"); nbf && *nbf > rules.now + rules.leeway)
    return core::fail(invalid_client("not yet valid"));
  if (auto iat = jose::numeric_date_claim(o, "iat"); iat && *iat > rules.now + rules.leeway)
    return core::fail(invalid_client("issued in the future"));
  // §3 item 7 and OIDC Core §9: jti is required here and single-use.
  const auto jti = string_claim(o, "jti");
  if (!jti || jti->empty() || jti->size() > kMaxJtiLength) return core::fail(invalid_client("jti missing"));
  if (!tokens.record_assertion_jti(client_id, *jti, expires_at)) return core::fail(invalid_client("jti replayed"));
  return core::Ok{};
}

}  // namespace authly::oauth
