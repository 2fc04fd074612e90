#include "oauth/authorize/checks.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::oauth::authorize {

// RFC 6749 §3.3: the server may refuse scopes; a token the client is not registered for is
// invalid_scope (§4.1.2.1) rather than silently dropped, so the client learns its configuration.
// The token itself goes to the log-only detail: error_description is a fixed text (§5.2 charset).
std::optional<OAuthError> check_scope(const CheckInput& in, AuthorizationRequest& out) {
  const auto scope = single(in.params, "scope");
  out.scopes.clear();
  if (!scope || scope->empty()) return std::nullopt;
  switch (parse_scope_list(*scope, out.scopes)) {
    case ScopeSyntax::ok:
      break;
    case ScopeSyntax::too_many_tokens:
      return redirect_error(ErrorCode::invalid_scope, "scope has too many tokens");
    case ScopeSyntax::malformed:
      return redirect_error(ErrorCode::invalid_scope, "scope is malformed");
  }
  const auto allowed = scope_set(in.client.scope);
  for (const auto& token : out.scopes) {
    if (!allowed.contains(token))
      return OAuthError{ErrorCode::invalid_scope, "a requested scope is not allowed for this client",
                        "scope not allowed: " + token, true};
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
