#include "oauth/authorize/checks.hpp"
#include "oauth/pkce.hpp"

namespace authly::oauth::authorize {

// OAuth 2.1 §4.1.1 requires PKCE of every client. RFC 7636 §4.3 defaults a missing method to
// "plain", which RFC 9700 §2.1.1 says not to accept, so the method must be given and be S256.
std::optional<OAuthError> check_pkce(const CheckInput& in, AuthorizationRequest& out) {
  const auto challenge = single(in.params, "code_challenge");
  if (!challenge || challenge->empty())
    return redirect_error(ErrorCode::invalid_request, "code_challenge is required (PKCE)");
  if (!is_code_challenge(*challenge))
    return redirect_error(ErrorCode::invalid_request, "code_challenge must be 43-128 unreserved characters");
  const auto method = single(in.params, "code_challenge_method");
  if (!method || method->empty())
    return redirect_error(ErrorCode::invalid_request, "code_challenge_method is required and must be S256");
  if (*method == "plain")
    return redirect_error(ErrorCode::invalid_request, "code_challenge_method plain is not allowed; use S256");
  if (*method != "S256") return redirect_error(ErrorCode::invalid_request, "code_challenge_method must be S256");
  out.code_challenge = *challenge;
  out.code_challenge_method = "S256";
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
