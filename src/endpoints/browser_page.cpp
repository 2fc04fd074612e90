#include "endpoints/browser_page.hpp"

#include <algorithm>
#include <cctype>

#include "http/form.hpp"
#include "observability/logger.hpp"
#include "web/pages.hpp"

namespace authly::endpoints {
namespace {

// An origin goes into the CSP header only if it cannot end or extend the directive (registered
// host names may legally contain ';' or ',').
bool safe_csp_source(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == ':' || c == '/' || c == '-' || c == '+' || c == '[' || c == ']';
  });
}

std::string content_security_policy(const PagePolicy& policy) {
  std::string csp = "default-src 'none'; style-src 'self'; form-action 'self'";
  if (safe_csp_source(policy.form_origin)) csp += " " + policy.form_origin;
  csp += "; frame-ancestors 'none'; base-uri 'none'";
  if (!policy.script_hash.empty()) csp += "; script-src " + policy.script_hash;
  return csp;
}

}  // namespace

http::Response page_response(int status, std::string html, const PagePolicy& policy) {
  auto r = http::Response::html(status, std::move(html));
  r.headers.set("Content-Security-Policy", content_security_policy(policy));
  r.headers.set("X-Frame-Options", "DENY");
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("Pragma", "no-cache");
  return r;
}

http::Response error_page(int status, std::string message, std::string_view error_code, std::string_view request_id) {
  web::ErrorView view;
  view.message = std::move(message);
  view.error_code = std::string(error_code);
  view.request_id = std::string(request_id);
  return page_response(status, web::error_page(view));
}

http::Response browser_failure(const http::Request& req) {
  return error_page(500, "The server could not complete this request. Please try again later.", "server_error",
                    req.request_id);
}

http::Response deliver(const oauth::authorize::AuthorizationResponse& response, http::Method request_method) {
  if (response.mode == oauth::authorize::ResponseMode::form_post) {
    // OAuth 2.0 Form Post Response Mode §2: the parameters travel in a POST body, never the URL.
    PagePolicy policy{oauth::authorize::uri_origin(response.redirect_uri).value_or(""),
                      web::form_post_script_hash_source()};
    return page_response(200, web::form_post_page({response.redirect_uri, response.params}), policy);
  }
  http::Response r;
  r.status = request_method == http::Method::post ? 303 : 302;
  r.headers.set("Location", http::append_query(response.redirect_uri, response.params));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace authly::endpoints
