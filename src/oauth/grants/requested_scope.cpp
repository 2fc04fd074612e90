#include "oauth/grants/requested_scope.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "oauth/scope_syntax.hpp"

namespace authly::oauth {

core::Result<std::string, OAuthError> narrow_scope(const std::optional<std::string>& requested,
                                                   std::string_view allowed, std::string_view fallback) {
  if (!requested || requested->empty()) return std::string(fallback);
  std::vector<std::string> want;
  if (!parse_scope(*requested, want)) return core::fail(make_error(ErrorCode::invalid_scope, "malformed scope"));
  std::vector<std::string> have;
  (void)parse_scope(allowed, have);
  for (const auto& s : want)
    if (std::find(have.begin(), have.end(), s) == have.end())
      return core::fail(make_error(ErrorCode::invalid_scope, "scope exceeds what was granted", "scope " + s));
  return join_scope(want);
}

}  // namespace authly::oauth
