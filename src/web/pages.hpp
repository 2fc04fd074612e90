#pragma once
// The pages Authly shows in the browser: login, consent, error, form_post, logout (confirm, declined,
// logged out). Each takes a plain view struct and returns the HTML document; every value is
// HTML-escaped.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::web {

struct LoginView {
  std::string client_name;
  std::string interaction;  // opaque interaction id (hidden field)
  std::string csrf;         // CSRF token (hidden field)
  std::string username;     // prefilled: login_hint or what the user typed
  std::string error;        // one generic message, or empty
};

struct ScopeView {
  std::string name;
  std::string description;
};

struct ConsentView {
  std::string client_name;
  std::string username;
  std::string interaction;
  std::string csrf;
  std::vector<ScopeView> scopes;
  // Individual claims named by the claims parameter (OIDC Core §5.5). "= {}": views built
  // positionally without it stay warning-free (-Wmissing-field-initializers).
  std::vector<std::string> claims = {};
};

struct ErrorView {
  std::string title = "Something went wrong";
  std::string message;
  std::string error_code;  // RFC error string, optional
  std::string request_id;  // for support, optional
};

// RP-Initiated Logout 1.0 §2: "do you want to sign out?" when the request does not prove it comes
// from the session's own client. Hidden fields carry the validated request; the POST re-checks them.
struct LogoutConfirmView {
  std::string client_name;  // empty when no client identified itself
  std::string username;     // the signed-in user, or empty
  std::string client_id;
  std::string post_logout_redirect_uri;
  std::string state;
  std::string csrf;
};

// OAuth 2.0 Form Post Response Mode §2: hidden fields posted to the client's redirect URI.
struct FormPostView {
  std::string action;
  std::vector<std::pair<std::string, std::string>> fields;
};

std::string login_page(const LoginView& view);
std::string consent_page(const ConsentView& view);
std::string error_page(const ErrorView& view);
std::string form_post_page(const FormPostView& view);
std::string logged_out_page();
std::string logout_confirm_page(const LogoutConfirmView& view);
std::string logout_declined_page();  // the user chose to stay signed in

// The one inline script Authly sends (form_post auto-submit), and its CSP hash source
// ("'sha256-...'", CSP3 §2.3.1) for script-src.
std::string_view form_post_script();
std::string form_post_script_hash_source();

// GET /static/authly.css
std::string_view stylesheet();

}  // namespace authly::web
