#pragma once
// A validated authorization request (OAuth 2.1 §4.1.1, OIDC Core §3.1.2.1) and the raw parameter
// list it is parsed from. Only validate_authorization_request() produces one; it is kept
// server-side (as JSON) while the user logs in and consents.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::oauth::authorize {

// Decoded query or form parameters, in wire order (repeats kept, so they can be refused).
using Params = std::vector<std::pair<std::string, std::string>>;

std::size_t count(const Params& params, std::string_view name);
// The value of a parameter that occurs exactly once; nullopt when absent or repeated.
std::optional<std::string> single(const Params& params, std::string_view name);

// OAuth 2.0 Multiple Response Type Encoding Practices §2.1 (query) and OAuth 2.0 Form Post
// Response Mode §2 (form_post).
enum class ResponseMode { query, form_post };
std::string_view to_string(ResponseMode mode) noexcept;

// OIDC Core §3.1.2.1 prompt values Authly supports.
struct Prompt {
  bool none = false;
  bool login = false;
  bool consent = false;
};

struct AuthorizationRequest {
  std::string client_id;
  std::string redirect_uri;         // where responses go: the requested URI, or the only registered one
  bool redirect_uri_given = false;  // the request carried redirect_uri (the token request must then repeat it)
  ResponseMode response_mode = ResponseMode::query;
  std::vector<std::string> scopes;
  std::string state;  // echoed verbatim (RFC 6749 §4.1.2)
  std::string nonce;  // OIDC Core §3.1.2.1, copied into the ID token
  std::string code_challenge;
  std::string code_challenge_method = "S256";
  Prompt prompt;
  std::optional<std::int64_t> max_age;  // seconds; OIDC Core §3.1.2.1
  std::string login_hint;
  // OIDC Core §5.5 `claims` parameter (JSON, validated by check_claims), holding only claims the
  // client may ask for; empty when absent or none is left. Kept as JSON: it travels on the code and
  // refresh token and is parsed where claims are released.
  std::string claims;
};

std::string scope_string(const AuthorizationRequest& request);

// Serialised for the interactions table, and read back. from_json returns nullopt for anything it
// did not write.
std::string to_json(const AuthorizationRequest& request);
std::optional<AuthorizationRequest> request_from_json(std::string_view json);

}  // namespace authly::oauth::authorize
