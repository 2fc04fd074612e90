#include "endpoints/bearer_auth.hpp"

namespace authly::endpoints {

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

core::Result<oauth::AccessTokenClaims, oauth::OAuthError> authenticate_admin(const http::Request& req,
                                                                             EndpointContext& ctx,
                                                                             oauth::AdminAccess need,
                                                                             core::TimePoint now) {
  auto token = bearer_token(req);
  if (!token) return core::fail(std::move(token.error()));
  if (!*token)
    return core::fail(oauth::make_error(oauth::ErrorCode::invalid_token, "This request needs a bearer access token"));
  return oauth::verify_admin_token(ctx.use.admin, **token, need, now);
}

}  // namespace authly::endpoints
