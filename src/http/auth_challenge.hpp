#pragma once
// WWW-Authenticate challenges (RFC 9110 §11.6.1): `scheme param="value", ...`, every value a
// quoted-string (§5.6.4), so a description holding a quote or a backslash cannot end the value
// early or smuggle another parameter into the header.
#include <initializer_list>
#include <string>
#include <string_view>

namespace authly::http {

// `value` as a quoted-string: '"' and '\' escaped with '\', control characters other than
// horizontal tab dropped (quoted-pair cannot carry them).
std::string quoted_string(std::string_view value);

struct ChallengeParam {
  std::string_view name;
  std::string_view value;  // a parameter with an empty value is left out
};

std::string auth_challenge(std::string_view scheme, std::initializer_list<ChallengeParam> params);

}  // namespace authly::http
