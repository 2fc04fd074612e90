#include <set>

#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." A repeat
// would leave it to chance which value each component reads.
std::optional<OAuthError> check_single_parameters(const CheckInput& in, AuthorizationRequest&) {
  std::set<std::string_view> seen;
  for (const auto& [name, value] : in.params) {
    if (!seen.insert(name).second)
      return redirect_error(ErrorCode::invalid_request, "parameter '" + name + "' must not be repeated");
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
