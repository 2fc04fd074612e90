#include "oauth/grants/requested_scope.hpp"

#include <optional>
#include <vector>

#include "oauth/scope_syntax.hpp"

namespace authly::oauth {

core::Result<std::string, OAuthError> narrow_scope(const std::optional<std::string>& requested,
                                                   std::string_view allowed, std::string_view fallback) {
  if (!requested || requested->empty()) return std::string(fallback);
  std::vector<std::string> want;
  switch (parse_scope_list(*requested, want)) {
    case ScopeSyntax::ok:
      break;
    case ScopeSyntax::too_many_tokens:
      return core::fail(make_error(ErrorCode::invalid_scope, "scope has too many tokens"));
    case ScopeSyntax::malformed:
      return core::fail(make_error(ErrorCode::invalid_scope, "malformed scope"));
  }
  const auto have = scope_set(allowed);
  for (const auto& s : want)
    if (!have.contains(s))
      return core::fail(make_error(ErrorCode::invalid_scope, "scope exceeds what was granted", "scope " + s));
  return join_scope(want);
}

}  // namespace authly::oauth
