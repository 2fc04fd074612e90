#pragma once
// The token-side endpoints (RFC 6749 §3.2, RFC 7009, RFC 7662) as plain handlers over one shared
// state; token_routes.cpp mounts them. Exposed for tests and for the route registration only.
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "endpoints/context.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/client_auth/authenticate_client.hpp"
#include "oauth/client_auth/client_key_cache.hpp"
#include "oauth/error.hpp"
#include "oauth/grants/grant_context.hpp"
#include "oauth/verified_token_cache.hpp"
#include "oidc/id_token_issuer.hpp"

namespace authly::endpoints {

struct TokenEndpointState {
  EndpointContext& ctx;
  oauth::TokenPolicy policy;                           // built once from ctx.config
  std::shared_ptr<oauth::ClientKeyCache> client_keys;  // private_key_jwt jwks_uri cache
  std::shared_ptr<oidc::IdTokenIssuer> id_tokens;      // ID tokens for grants whose scope has openid
  // Verified access-token claims for introspection (oauth/verified_token_cache.hpp).
  std::shared_ptr<oauth::VerifiedTokenCache> introspection_cache;
};

TokenEndpointState make_token_endpoint_state(EndpointContext& ctx, oauth::JwksFetch fetch);

// POST /auth/token: every grant. POST /auth/refresh: the refresh_token grant only.
http::Response handle_token(TokenEndpointState& state, http::Request& req);
http::Response handle_refresh(TokenEndpointState& state, http::Request& req);
http::Response handle_revocation(TokenEndpointState& state, http::Request& req);
http::Response handle_introspection(TokenEndpointState& state, http::Request& req);

// Shared by the four endpoints (token_request.cpp).
// The body must be application/x-www-form-urlencoded (RFC 6749 §3.2) with every parameter at most
// once (§3.2: "MUST NOT be included more than once"), and at most one Authorization header.
core::Result<http::FormParams, oauth::OAuthError> parse_token_form(const http::Request& req);
// True when the request tried HTTP Basic: a 401 must then carry WWW-Authenticate (§5.2).
bool basic_attempted(const http::Request& req);
// Authenticates the caller; `path` is the endpoint's path (an accepted assertion audience).
core::Result<oauth::AuthenticatedClient, oauth::OAuthError> authenticate_caller(TokenEndpointState& state,
                                                                                const http::Request& req,
                                                                                const http::FormParams& form,
                                                                                std::string_view path,
                                                                                bool allow_public, core::TimePoint now);
std::optional<std::string> param(const http::FormParams& form, std::string_view name);

}  // namespace authly::endpoints
