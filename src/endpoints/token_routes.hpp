#pragma once
// Mounts the token-side endpoints, all on the blocking pool (SQL, argon2id, libcurl):
//   POST /auth/token       RFC 6749 §3.2: authorization_code, refresh_token, client_credentials,
//                          password (when oauth.password_grant and the client allow it)
//   POST /auth/refresh     the refresh_token grant only (the seed's alias)
//   POST /auth/revoke      RFC 7009
//   POST /auth/introspect  RFC 7662
// `ctx` must outlive the router; the handlers share one private_key_jwt key cache, which fetches
// jwks_uri documents through `jwks_fetch` (app/ wires outbound::JwksFetcher; without one, clients
// that rely on a jwks_uri cannot authenticate).
#include "endpoints/context.hpp"
#include "http/router.hpp"
#include "oauth/client_auth/client_key_cache.hpp"

namespace authly::endpoints {

void register_token_routes(http::Router& router, EndpointContext& ctx, oauth::JwksFetch jwks_fetch = {});

}  // namespace authly::endpoints
