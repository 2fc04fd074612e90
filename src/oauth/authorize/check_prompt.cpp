#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// OIDC Core §3.1.2.1: prompt is a space-delimited list; "none" with any other value is an error.
// select_account and unknown values are refused rather than ignored, so a client does not believe
// a prompt it asked for was honoured.
std::optional<OAuthError> check_prompt(const CheckInput& in, AuthorizationRequest& out) {
  out.prompt = {};
  const auto prompt = single(in.params, "prompt");
  if (!prompt) return std::nullopt;
  std::size_t i = 0;
  const std::string& p = *prompt;
  while (i <= p.size()) {
    auto j = p.find(' ', i);
    if (j == std::string::npos) j = p.size();
    const std::string_view token(p.data() + i, j - i);
    i = j + 1;
    if (token.empty()) continue;
    if (token == "none")
      out.prompt.none = true;
    else if (token == "login")
      out.prompt.login = true;
    else if (token == "consent")
      out.prompt.consent = true;
    else
      return OAuthError{ErrorCode::invalid_request, "unsupported prompt value", "prompt value: " + std::string(token),
                        true};
  }
  if (out.prompt.none && (out.prompt.login || out.prompt.consent))
    return redirect_error(ErrorCode::invalid_request, "prompt none must not be combined with other values");
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
