// POST /auth/token (RFC 6749 §3.2) and its refresh-only alias POST /auth/refresh: the form into an
// oauth::TokenRequest, the use-case's answer into §5.1 or §5.2.
#include "endpoints/oauth_response.hpp"
#include "endpoints/token_endpoints.hpp"
#include "oauth/token_request.hpp"

namespace authly::endpoints {
namespace {

http::Response token_flow(EndpointContext& ctx, http::Request& req, oauth::TokenEndpoint endpoint,
                          TokenCounters& counters) {
  const bool basic = basic_attempted(req);
  const auto now = ctx.clock.now();
  auto form = parse_token_form(req);
  if (!form) return oauth_error_response(form.error(), basic);
  oauth::TokenRequest request;
  request.grant_type = param(*form, "grant_type");
  request.credentials = client_credentials(req, *form);
  request.client_ip = req.remote_address;
  request.code = param(*form, "code");
  request.redirect_uri = param(*form, "redirect_uri");
  request.code_verifier = param(*form, "code_verifier");
  request.refresh_token = param(*form, "refresh_token");
  request.scope = param(*form, "scope");
  request.username = param(*form, "username");
  request.password = param(*form, "password");
  const auto path = endpoint == oauth::TokenEndpoint::refresh ? "/auth/refresh" : "/auth/token";
  std::string client_id;  // once authenticated, for the access log
  auto result = oauth::token_request(ctx.use.tokens, endpoint, path, request, now, &client_id);
  if (!result) {
    counters.refused(result.error().code);
    auto refused = oauth_error_response(result.error(), basic);
    refused.client_id = std::move(client_id);
    return refused;
  }
  // A grant ran, so grant_type names one.
  if (const auto grant = oauth::requested_grant(request.grant_type, endpoint, true)) counters.issued(*grant);
  auto issued = no_store_json(200, oauth::to_json(*result));
  issued.client_id = std::move(client_id);
  return issued;
}

}  // namespace

TokenCounters::TokenCounters(observability::MetricsRegistry& registry)
    : errors_(
          registry.counter("authly_token_errors_total", "Token endpoint refusals, by OAuth error code", {"error"})) {
  auto& issued =
      registry.counter("authly_tokens_issued_total", "Token responses issued, by grant type", {"grant_type"});
  for (std::size_t i = 0; i < issued_.size(); ++i)
    issued_[i] = &issued.with({std::string(oauth::to_string(static_cast<oauth::Grant>(i)))});
}

void TokenCounters::issued(oauth::Grant grant) { issued_[static_cast<std::size_t>(grant)]->inc(); }

void TokenCounters::refused(oauth::ErrorCode code) { errors_.with({std::string(oauth::to_string(code))}).inc(); }

http::Response handle_token(EndpointContext& ctx, http::Request& req, TokenCounters& counters) {
  return token_flow(ctx, req, oauth::TokenEndpoint::token, counters);
}

http::Response handle_refresh(EndpointContext& ctx, http::Request& req, TokenCounters& counters) {
  return token_flow(ctx, req, oauth::TokenEndpoint::refresh, counters);
}

}  // namespace authly::endpoints
