#pragma once
// RFC 6749 §3.3 / §6: a token request may ask for a subset of what it is entitled to, never more.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "oauth/error.hpp"

namespace authly::oauth {

// `requested` absent or empty: `fallback`. Otherwise every requested scope must be in `allowed`
// (invalid_scope if not, invalid_scope for bad syntax); the result is the normalised request.
core::Result<std::string, OAuthError> narrow_scope(const std::optional<std::string>& requested,
                                                   std::string_view allowed, std::string_view fallback);

}  // namespace authly::oauth
