#pragma once
// JWT claim checks (RFC 7519 §4.1) shared by access tokens, ID token hints, logout tokens and client
// assertions. Signature verification is jws.hpp's job; this runs on the verified payload only.
#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "jose/error.hpp"

namespace authly::jose {

// RFC 7519 §7.2 step 10: the JWT Claims Set is a JSON object; malformed otherwise.
Result<boost::json::object> parse_claims(std::string_view payload);

// A NumericDate claim (RFC 7519 §2) as a TimePoint; nullopt when absent or not a finite number. A
// fraction is dropped; a value beyond about 146 years either side of 1970 (half what TimePoint
// holds) saturates there, so a client's absurd "exp" compares as far future and later arithmetic
// with lifetimes and leeways cannot overflow.
std::optional<core::TimePoint> numeric_date_claim(const boost::json::object& claims, std::string_view name);

// Checks, in this order:
//  - types: "iss" a string, "aud" a string or array of strings, "exp" (required) / "nbf" / "iat"
//    numbers (RFC 7519 §2 NumericDate)                                  -> malformed
//  - "iss" equals `issuer` exactly                                        -> wrong_issuer
//  - "aud" is, or contains, `audience` (RFC 7519 §4.1.3)                  -> wrong_audience
//  - now < exp + leeway (§4.1.4)                                          -> expired
//  - nbf <= now + leeway (§4.1.5), iat <= now + leeway                   -> not_yet_valid
// A negative leeway counts as zero.
Result<core::Ok> validate_claims(const boost::json::object& claims, std::string_view issuer, std::string_view audience,
                                 core::TimePoint now, std::chrono::seconds leeway);

}  // namespace authly::jose
