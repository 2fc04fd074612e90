#pragma once
// The authorization response (RFC 6749 §4.1.2) and error response (§4.1.2.1), both with the iss
// parameter (RFC 9207 §2), delivered by redirect (query) or by an auto-submitted form (form_post).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oauth/authorize/authorization_request.hpp"
#include "oauth/error.hpp"

namespace authly::oauth::authorize {

struct AuthorizationResponse {
  std::string redirect_uri;
  ResponseMode mode = ResponseMode::query;
  std::vector<std::pair<std::string, std::string>> params;  // in query mode appended to redirect_uri's query
};

// code, state (when the request had one) and iss.
AuthorizationResponse success_response(const std::string& redirect_uri, ResponseMode mode, const std::string& code,
                                       const std::string& state, const std::string& issuer);
// error, error_description, state (when known) and iss.
AuthorizationResponse error_response(const std::string& redirect_uri, ResponseMode mode, const OAuthError& error,
                                     const std::string& state, const std::string& issuer);

// "scheme://host[:port]" of an absolute URI, or "scheme:" for one without an authority
// (private-use schemes of native apps); nullopt if it does not parse. For CSP form-action.
std::optional<std::string> uri_origin(std::string_view uri);

}  // namespace authly::oauth::authorize
