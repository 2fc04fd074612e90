#include "jose/jwt_claims.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace authly::jose {
namespace {

// Present NumericDate as seconds (fractions allowed by RFC 7519 §2); nullopt when absent.
Result<std::optional<double>> numeric_date(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (v == nullptr) return std::optional<double>();
  if (!v->is_number()) return fail(ErrorCode::malformed, "claim " + std::string(name) + " is not a number");
  return std::optional<double>(v->to_number<double>());
}

Result<core::Ok> check_audience(const boost::json::object& claims, std::string_view audience) {
  const auto* aud = claims.if_contains("aud");
  if (aud == nullptr) return fail(ErrorCode::wrong_audience, "no aud claim");
  if (aud->is_string()) {
    if (aud->get_string() == audience) return core::Ok{};
    return fail(ErrorCode::wrong_audience, "aud does not name this audience");
  }
  if (!aud->is_array()) return fail(ErrorCode::malformed, "aud is neither a string nor an array");
  bool found = false;
  for (const auto& entry : aud->get_array()) {
    if (!entry.is_string()) return fail(ErrorCode::malformed, "aud array holds a non-string");
    found = found || entry.get_string() == audience;
  }
  if (!found) return fail(ErrorCode::wrong_audience, "aud does not contain this audience");
  return core::Ok{};
}

}  // namespace

std::optional<core::TimePoint> numeric_date_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  using Seconds = std::chrono::seconds;
  constexpr std::int64_t kLimit = std::chrono::duration_cast<Seconds>(core::TimePoint::duration::max()).count() / 2;
  std::int64_t s = 0;
  if (v->is_int64()) {
    s = std::clamp<std::int64_t>(v->get_int64(), -kLimit, kLimit);
  } else if (v->is_uint64()) {
    s = static_cast<std::int64_t>(std::min<std::uint64_t>(v->get_uint64(), kLimit));
  } else {
    const double d = v->get_double();
    if (!std::isfinite(d)) return std::nullopt;
    // Clamped as a double first: converting an out-of-range double to an integer is undefined.
    s = static_cast<std::int64_t>(std::clamp(d, -static_cast<double>(kLimit), static_cast<double>(kLimit)));
  }
  return core::from_unix(s);
}

Result<boost::json::object> parse_claims(std::string_view payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return fail(ErrorCode::malformed, "JWT claims are not a JSON object");
  return std::move(v.get_object());
}

Result<core::Ok> validate_claims(const boost::json::object& claims, std::string_view issuer, std::string_view audience,
                                 core::TimePoint now, std::chrono::seconds leeway) {
  auto exp = numeric_date(claims, "exp");
  if (!exp) return fail(exp.error().code, exp.error().message);
  if (!*exp) return fail(ErrorCode::malformed, "exp claim is required");
  auto nbf = numeric_date(claims, "nbf");
  if (!nbf) return fail(nbf.error().code, nbf.error().message);
  auto iat = numeric_date(claims, "iat");
  if (!iat) return fail(iat.error().code, iat.error().message);
  const auto* iss = claims.if_contains("iss");
  if (iss != nullptr && !iss->is_string()) return fail(ErrorCode::malformed, "iss is not a string");

  if (iss == nullptr || iss->get_string() != issuer) return fail(ErrorCode::wrong_issuer, "iss is not the issuer");
  if (auto aud = check_audience(claims, audience); !aud) return aud;

  const double t = static_cast<double>(core::to_unix(now));
  const double slack = static_cast<double>(leeway.count() > 0 ? leeway.count() : 0);
  if (t >= **exp + slack) return fail(ErrorCode::expired, "token expired");
  if (*nbf && **nbf > t + slack) return fail(ErrorCode::not_yet_valid, "token not valid before nbf");
  if (*iat && **iat > t + slack) return fail(ErrorCode::not_yet_valid, "token issued in the future");
  return core::Ok{};
}

}  // namespace authly::jose
