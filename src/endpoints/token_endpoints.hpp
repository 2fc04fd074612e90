#pragma once
// The token-side endpoints (RFC 6749 §3.2, RFC 7009, RFC 7662) as plain handlers over the token
// use-cases (oauth/token_request.hpp); token_routes.cpp mounts them. Exposed for tests and for the
// route registration only.
#include <array>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/client_auth/authenticate_client.hpp"
#include "oauth/error.hpp"
#include "oauth/token_request.hpp"
#include "observability/metrics.hpp"

namespace authly::endpoints {

// What the token endpoint counts for /metrics: tokens issued by grant type
// (authly_tokens_issued_total), refusals by OAuth error code (authly_token_errors_total).
class TokenCounters {
 public:
  explicit TokenCounters(observability::MetricsRegistry& registry);
  void issued(oauth::Grant grant);
  void refused(oauth::ErrorCode code);

 private:
  std::array<observability::Counter*, oauth::kGrants> issued_{};  // by oauth::Grant
  observability::CounterFamily& errors_;
};

// POST /auth/token: every grant. POST /auth/refresh: the refresh_token grant only.
http::Response handle_token(EndpointContext& ctx, http::Request& req, TokenCounters& counters);
http::Response handle_refresh(EndpointContext& ctx, http::Request& req, TokenCounters& counters);
http::Response handle_revocation(EndpointContext& ctx, http::Request& req);
http::Response handle_introspection(EndpointContext& ctx, http::Request& req);

// Shared by the four endpoints (token_form.cpp).
// The body must be application/x-www-form-urlencoded (RFC 6749 §3.2) with every parameter at most
// once (§3.2: "MUST NOT be included more than once"), and at most one Authorization header.
core::Result<http::FormParams, oauth::OAuthError> parse_token_form(const http::Request& req);
// True when the request tried HTTP Basic: a 401 must then carry WWW-Authenticate (§5.2).
bool basic_attempted(const http::Request& req);
// The client credentials the request carries: the Authorization header and the body's
// client_id, client_secret, client_assertion and client_assertion_type.
oauth::ClientAuthInput client_credentials(const http::Request& req, const http::FormParams& form);
std::optional<std::string> param(const http::FormParams& form, std::string_view name);

}  // namespace authly::endpoints
