#pragma once
// CORS answers for the endpoints a browser app calls (the Fetch standard §3.2 "CORS protocol";
// draft-ietf-oauth-browser-based-apps: a browser app redeems its code and refreshes, revokes and
// reads UserInfo with fetch() from its own origin). Token, refresh, revocation, introspection and
// UserInfo answer an allowed origin (oauth/cors_origins.hpp) by name; discovery and JWKS are public
// documents and answer "*" (public_metadata.hpp). Nothing here is mounted on the pages a person uses
// (authorize, login, consent, logout, registration, admin): they never carry CORS headers, so no
// other origin can read them.
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "oauth/cors_origins.hpp"

namespace authly::endpoints {

// Request headers a browser app may send (Access-Control-Allow-Headers): Authorization (client
// authentication, bearer tokens), Content-Type, DPoP (RFC 9449 proofs, which the browser-based
// apps draft recommends). Named, since "*" never covers Authorization (Fetch §3.2.3).
inline constexpr std::string_view kCorsAllowHeaders = "Authorization, Content-Type, DPoP";
// How long a browser may reuse a preflight answer (Chromium caps it at 2 h).
inline constexpr std::string_view kCorsMaxAge = "600";

// On a response to a request with exactly one Origin header that `origins` allows for `callers`:
// Access-Control-Allow-Origin naming that origin, Vary: Origin, and WWW-Authenticate and
// Retry-After exposed to the script. Another Origin gets Vary: Origin only (the browser then
// withholds the response from the script); a request without Origin (a server, a same-origin GET)
// gets nothing, at the cost of one header look-up. Never Access-Control-Allow-Credentials: these
// endpoints take no cookies, so a browser app's fetch() must not send any.
void add_cors_headers(http::Response& res, const http::Request& req, const oauth::CorsOrigins& origins,
                      oauth::CorsCallers callers);

// OPTIONS, the CORS preflight (Fetch §3.2.2): 204 with `Allow: <methods>, OPTIONS` and Vary:
// Origin; for an allowed origin also Access-Control-Allow-Origin, -Allow-Methods (`methods`),
// -Allow-Headers (kCorsAllowHeaders) and -Max-Age. Answered from memory on the I/O thread.
http::Response cors_preflight(const http::Request& req, const oauth::CorsOrigins& origins, oauth::CorsCallers callers,
                              std::string_view methods);

// OPTIONS for a public document (discovery, JWKS): 204, Access-Control-Allow-Origin: * (Fetch
// §3.2.5: a resource any origin may read without credentials), GET, and If-None-Match allowed.
http::Response public_document_preflight(const http::Request& req);

// The route's failure answer (router.hpp; not empty) with add_cors_headers() applied, so that a
// browser app can read that the server failed. `origins` must outlive the router.
http::FailureResponse with_cors(http::FailureResponse failure, const oauth::CorsOrigins& origins,
                                oauth::CorsCallers callers);

// Registers OPTIONS `path` answering cors_preflight() inline.
void add_cors_preflight(http::Router& router, const std::string& path, const oauth::CorsOrigins& origins,
                        oauth::CorsCallers callers, std::string methods);

}  // namespace authly::endpoints
