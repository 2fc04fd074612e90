#pragma once
// Protocol failures as values (DESIGN.md §6). The code is a closed set whose names are the RFC
// strings; `description` may be shown to the client; `detail` goes to the log only.
#include <chrono>
#include <string>
#include <string_view>

namespace authly::oauth {

enum class ErrorCode {
  invalid_request,            // RFC 6749 §4.1.2.1, §5.2
  invalid_client,             // §5.2 (401)
  invalid_grant,              // §5.2
  unauthorized_client,        // §4.1.2.1, §5.2
  unsupported_grant_type,     // §5.2
  unsupported_response_type,  // §4.1.2.1
  invalid_scope,              // §4.1.2.1, §5.2
  access_denied,              // §4.1.2.1
  server_error,               // §4.1.2.1 (500 on direct responses)
  temporarily_unavailable,    // §4.1.2.1 (503 on direct responses)
  invalid_token,              // RFC 6750 §3.1 (401)
  insufficient_scope,         // RFC 6750 §3.1 (403)
  login_required,             // OIDC Core §3.1.2.6
  consent_required,           // OIDC Core §3.1.2.6
  interaction_required,       // OIDC Core §3.1.2.6
  invalid_redirect_uri,       // RFC 7591 §3.2.2
  invalid_client_metadata,    // RFC 7591 §3.2.2
};

std::string_view to_string(ErrorCode code) noexcept;

struct OAuthError {
  ErrorCode code = ErrorCode::invalid_request;
  std::string description;    // client-safe, RFC 6749 error_description charset (%x20-21 / %x23-5B / %x5D-7E)
  std::string detail;         // log only
  bool redirectable = false;  // authorization endpoint: may be sent to the (validated) redirect_uri
  // > 0: a rate limit refused the request (with temporarily_unavailable): 429 with this Retry-After
  // (RFC 6585 §4) instead of 503.
  std::chrono::seconds retry_after{0};
};

inline OAuthError make_error(ErrorCode code, std::string description, std::string detail = {}) {
  return {code, std::move(description), std::move(detail), false};
}

}  // namespace authly::oauth
