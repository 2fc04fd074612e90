#include "endpoints/bearer_auth.hpp"

#include "oauth/scope_syntax.hpp"
#include "oauth/token_user.hpp"

namespace authly::endpoints {
namespace {

oauth::OAuthError invalid_token(std::string description, std::string detail = {}) {
  return oauth::make_error(oauth::ErrorCode::invalid_token, std::move(description), std::move(detail));
}

oauth::OAuthError insufficient_scope(std::string_view needed) {
  return oauth::make_error(oauth::ErrorCode::insufficient_scope,
                           "This request needs an access token with scope " + std::string(needed));
}

}  // namespace

core::Result<std::optional<std::string>, oauth::OAuthError> bearer_token(const http::Request& req) {
  if (req.headers.count("Authorization") > 1)
    return core::fail(oauth::make_error(oauth::ErrorCode::invalid_request, "Authorization header repeated"));
  const auto header = req.header("Authorization");
  if (!header) return std::optional<std::string>{};
  std::string_view value = *header;
  constexpr std::string_view kScheme = "bearer";
  if (value.size() < kScheme.size() || !http::iequals(value.substr(0, kScheme.size()), kScheme))
    return std::optional<std::string>{};
  value.remove_prefix(kScheme.size());
  if (!value.empty() && value.front() != ' ') return std::optional<std::string>{};  // "Bearerx" is another scheme
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return std::optional<std::string>{std::string(value)};
}

bool has_scope(std::string_view scope, std::string_view name) { return oauth::scope_set(scope).contains(name); }

core::Result<oauth::AccessTokenClaims, oauth::OAuthError> verify_admin_token(std::string_view token,
                                                                             EndpointContext& ctx, AdminAccess need,
                                                                             core::TimePoint now) {
  auto claims = oauth::verify_access_token(token, *ctx.keys.published(), ctx.config.issuer, now, ctx.store.tokens());
  if (!claims) return core::fail(std::move(claims.error()));
  const auto needed = need == AdminAccess::write ? kAdminWriteScope : kAdminReadScope;
  const bool allowed = has_scope(claims->scope, kAdminWriteScope) ||
                       (need == AdminAccess::read && has_scope(claims->scope, kAdminReadScope));
  if (!allowed) return core::fail(insufficient_scope(needed));
  // RFC 9068 §2.2: sub is the client_id for tokens without a user; otherwise the token carries the
  // user (sealed, oauth/token_user.hpp), whose standing may have changed since the token was issued.
  const auto user = oauth::token_end_user(ctx.store, *claims, ctx.pairwise_key);
  if (!user) return core::fail(user.error());
  if (*user && !(*user)->is_admin) return core::fail(insufficient_scope(needed));
  return claims;
}

core::Result<oauth::AccessTokenClaims, oauth::OAuthError> authenticate_admin(const http::Request& req,
                                                                             EndpointContext& ctx, AdminAccess need,
                                                                             core::TimePoint now) {
  auto token = bearer_token(req);
  if (!token) return core::fail(std::move(token.error()));
  if (!*token) return core::fail(invalid_token("This request needs a bearer access token"));
  return verify_admin_token(**token, ctx, need, now);
}

}  // namespace authly::endpoints
