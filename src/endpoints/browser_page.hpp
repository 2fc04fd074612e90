#pragma once
// HTTP responses for browser pages and for the authorization response. Every page carries the same
// framing and caching rules (DESIGN.md §7): a strict Content-Security-Policy, X-Frame-Options DENY,
// Cache-Control no-store.
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "oauth/authorize/authorization_response.hpp"

namespace authly::endpoints {

struct PagePolicy {
  // Origin of the client's redirect URI that the page's form (or a redirect after submitting it)
  // may go to: CSP form-action also governs redirects that follow a form submission in Chromium.
  std::string form_origin;
  std::string script_hash;  // "'sha256-...'" for the form_post auto-submit script, else empty
};

// text/html with the page headers.
http::Response page_response(int status, std::string html, const PagePolicy& policy = {});

// The error page for what cannot be sent back to the client (RFC 6749 §4.1.2.1): unknown client,
// bad redirect URI, expired or forged interaction.
http::Response error_page(int status, std::string message, std::string_view error_code = {},
                          std::string_view request_id = {});

// The failure answer of browser routes (http::FailureResponse): an HTML 500 naming only the request
// id. The server has logged the exception.
http::Response browser_failure(const http::Request& req);

// Query mode: a redirect (302 after GET; 303 after POST, RFC 9700 §4.12, so the browser does not
// re-post the form to the client). form_post: the auto-submitting page.
http::Response deliver(const oauth::authorize::AuthorizationResponse& response, http::Method request_method);

}  // namespace authly::endpoints
