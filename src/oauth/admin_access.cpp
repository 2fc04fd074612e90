#include "oauth/admin_access.hpp"

#include "oauth/scope_syntax.hpp"
#include "oauth/token_user.hpp"

namespace authly::oauth {
namespace {

OAuthError insufficient_scope(std::string_view needed) {
  return make_error(ErrorCode::insufficient_scope,
                    "This request needs an access token with scope " + std::string(needed));
}

bool has_scope(std::string_view scope, std::string_view name) { return scope_set(scope).contains(name); }

}  // namespace

core::Result<AccessTokenClaims, OAuthError> verify_admin_token(const AdminAccessDeps& deps, std::string_view token,
                                                               AdminAccess need, core::TimePoint now) {
  auto claims = verify_access_token(token, *deps.keys.published(), deps.issuer, now, deps.store.tokens());
  if (!claims) return core::fail(std::move(claims.error()));
  const auto needed = need == AdminAccess::write ? kAdminWriteScope : kAdminReadScope;
  const bool allowed = has_scope(claims->scope, kAdminWriteScope) ||
                       (need == AdminAccess::read && has_scope(claims->scope, kAdminReadScope));
  if (!allowed) return core::fail(insufficient_scope(needed));
  // RFC 9068 §2.2: sub is the client_id for tokens without a user; otherwise the token carries the
  // user (sealed, token_user.hpp), whose standing may have changed since the token was issued.
  const auto user = token_end_user(deps.store, *claims, deps.pairwise_key);
  if (!user) return core::fail(user.error());
  if (*user && !(*user)->is_admin) return core::fail(insufficient_scope(needed));
  return claims;
}

}  // namespace authly::oauth
