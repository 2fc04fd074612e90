#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// OAuth 2.1 §4.1.1 keeps only "code": the implicit grant (token) and hybrid responses that put
// tokens in the front channel are gone (RFC 9700 §2.1.2).
std::optional<OAuthError> check_response_type(const CheckInput& in, AuthorizationRequest&) {
  const auto type = single(in.params, "response_type");
  if (!type || type->empty()) return redirect_error(ErrorCode::invalid_request, "response_type is required");
  if (*type != "code") return redirect_error(ErrorCode::unsupported_response_type, "response_type must be code");
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
