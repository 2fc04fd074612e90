#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// Only the modes a code response can use safely: the query (default for "code") and form_post,
// which keeps the code out of browser history and Referer headers.
std::optional<OAuthError> check_response_mode(const CheckInput& in, AuthorizationRequest& out) {
  const auto mode = single(in.params, "response_mode");
  if (!mode || *mode == "query") {
    out.response_mode = ResponseMode::query;
  } else if (*mode == "form_post") {
    out.response_mode = ResponseMode::form_post;
  } else {
    return redirect_error(ErrorCode::invalid_request, "response_mode must be query or form_post");
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
