#include <charconv>

#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// OIDC Core §3.1.2.1: max_age is the allowable elapsed time in seconds since the last active
// authentication; digits only (no sign, no exponent), fitting in 64 bits.
std::optional<OAuthError> check_max_age(const CheckInput& in, AuthorizationRequest& out) {
  out.max_age.reset();
  const auto text = single(in.params, "max_age");
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  const bool digits = !text->empty() && text->find_first_not_of("0123456789") == std::string::npos;
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (!digits || ec != std::errc() || ptr != end)
    return redirect_error(ErrorCode::invalid_request, "max_age must be a non-negative integer");
  out.max_age = value;
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
