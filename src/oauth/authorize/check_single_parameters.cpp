#include <unordered_set>

#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." A repeat
// would leave it to chance which value each component reads. The name is request input: it goes to
// the log-only detail, never into error_description.
std::optional<OAuthError> check_single_parameters(const CheckInput& in, AuthorizationRequest&) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(in.params.size());
  for (const auto& [name, value] : in.params) {
    if (!seen.insert(name).second)
      return OAuthError{ErrorCode::invalid_request, "a request parameter is repeated", "parameter repeated: " + name,
                        true};
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
