#include <algorithm>

#include "oauth/authorize/checks.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::oauth::authorize {
namespace {

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

// RFC 6749 §3.3: the server may refuse scopes; a token the client is not registered for is
// invalid_scope (§4.1.2.1) rather than silently dropped, so the client learns its configuration.
std::optional<OAuthError> check_scope(const CheckInput& in, AuthorizationRequest& out) {
  const auto scope = single(in.params, "scope");
  out.scopes.clear();
  if (!scope || scope->empty()) return std::nullopt;
  if (!parse_scope(*scope, out.scopes)) return redirect_error(ErrorCode::invalid_scope, "scope is malformed");
  const auto allowed = split_spaces(in.client.scope);
  for (const auto& token : out.scopes) {
    if (std::find(allowed.begin(), allowed.end(), token) == allowed.end())
      return redirect_error(ErrorCode::invalid_scope, "scope '" + token + "' is not allowed for this client");
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
