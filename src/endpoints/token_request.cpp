#include "endpoints/token_endpoints.hpp"
#include "http/form.hpp"
#include "oauth/client_auth/basic_credentials.hpp"

namespace authly::endpoints {

TokenEndpointState make_token_endpoint_state(EndpointContext& ctx, oauth::JwksFetch fetch) {
  oauth::TokenPolicy policy;
  policy.issuer = ctx.config.issuer;
  policy.access_token_ttl = std::chrono::seconds(ctx.config.oauth.access_token_ttl_s);
  policy.refresh_idle_ttl = std::chrono::seconds(ctx.config.oauth.refresh_token_idle_ttl_s);
  policy.refresh_absolute_ttl = std::chrono::seconds(ctx.config.oauth.refresh_token_absolute_ttl_s);
  policy.session_idle_ttl = std::chrono::seconds(ctx.config.session.idle_ttl_s);
  policy.password_grant = ctx.config.oauth.password_grant;
  policy.pairwise_key = ctx.pairwise_key;
  policy.login.max_failures = ctx.config.login.max_failures;
  policy.login.lockout = std::chrono::seconds(ctx.config.login.lockout_s);
  policy.login.per_ip_per_minute = ctx.config.login.per_ip_per_minute;
  oauth::KeyCachePolicy key_policy;
  key_policy.failure_backoff = std::chrono::seconds(ctx.config.oauth.jwks_failure_backoff_s);
  key_policy.max_wait = std::chrono::milliseconds(ctx.config.oauth.jwks_fetch_wait_ms);
  return TokenEndpointState{ctx, std::move(policy),
                            std::make_shared<oauth::ClientKeyCache>(std::move(fetch), key_policy),
                            std::make_shared<oidc::IdTokenIssuer>(ctx.config, ctx.keys, ctx.store, ctx.pairwise_key),
                            std::make_shared<oauth::VerifiedTokenCache>()};
}

core::Result<http::FormParams, oauth::OAuthError> parse_token_form(const http::Request& req) {
  using oauth::ErrorCode;
  if (!http::is_form_urlencoded(req.header("Content-Type")))
    return core::fail(
        oauth::make_error(ErrorCode::invalid_request, "the body must be application/x-www-form-urlencoded"));
  if (req.headers.count("Authorization") > 1)
    return core::fail(oauth::make_error(ErrorCode::invalid_request, "more than one Authorization header"));
  auto form = http::FormParams::parse(req.body);
  if (!form) {
    const bool too_many = form.error() == http::kTooManyFormParams;
    return core::fail(oauth::make_error(ErrorCode::invalid_request,
                                        too_many ? "the form body has too many parameters" : "malformed form body",
                                        form.error()));
  }
  // RFC 6749 §3.2: parameters must not repeat. The name is input: log-only detail.
  if (auto repeated = form->first_repeated())
    return core::fail(oauth::make_error(ErrorCode::invalid_request, "a request parameter is repeated",
                                        "parameter repeated: " + std::string(*repeated)));
  return std::move(*form);
}

bool basic_attempted(const http::Request& req) {
  auto h = req.header("Authorization");
  return h && oauth::is_basic_authorization(*h);
}

std::optional<std::string> param(const http::FormParams& form, std::string_view name) {
  auto v = form.get(name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

core::Result<oauth::AuthenticatedClient, oauth::OAuthError> authenticate_caller(
    TokenEndpointState& state, const http::Request& req, const http::FormParams& form, std::string_view path,
    bool allow_public, core::TimePoint now) {
  oauth::ClientAuthInput in;
  if (auto h = req.header("Authorization")) in.authorization = std::string(*h);
  in.client_id = param(form, "client_id");
  in.client_secret = param(form, "client_secret");
  in.client_assertion = param(form, "client_assertion");
  in.client_assertion_type = param(form, "client_assertion_type");
  oauth::ClientAuthSettings settings{state.policy.issuer, state.policy.issuer + std::string(path), allow_public};
  return oauth::authenticate_client(in, settings, state.ctx.store, *state.client_keys, now);
}

}  // namespace authly::endpoints
