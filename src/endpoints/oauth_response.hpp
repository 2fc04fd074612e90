#pragma once
// The one place protocol errors become HTTP (DESIGN.md §6).
#include <exception>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/error.hpp"

namespace authly::endpoints {

// RFC 6749 §5.2 JSON error with Cache-Control: no-store. invalid_client is 401 and carries
// `WWW-Authenticate: Basic realm="authly"` when the client tried HTTP Basic (§5.2); invalid_token
// 401 and insufficient_scope 403 carry `WWW-Authenticate: Bearer error="..."` (RFC 6750 §3);
// server_error 500; temporarily_unavailable 503 with Retry-After; everything else 400.
http::Response oauth_error_response(const oauth::OAuthError& error, bool basic_auth_attempted = false);

// The Bearer challenge for a refused access token (RFC 6750 §3): realm, error, a client-safe
// error_description and, for insufficient_scope, the scope that would do. The one writer of
// Bearer WWW-Authenticate values.
std::string bearer_challenge(const oauth::OAuthError& error, std::string_view needed_scope = {});

// A successful JSON body for token-like responses: Cache-Control: no-store, Pragma: no-cache.
http::Response no_store_json(int status, std::string body);

// The failure answer of OAuth JSON routes (http::FailureResponse): server_error naming only the
// request id, no-store. The server has logged the exception.
http::Response oauth_failure(const http::Request& req);

}  // namespace authly::endpoints
