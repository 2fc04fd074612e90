#pragma once
// The authorization request checks, one rule per file (check_*.cpp), composed in order by
// validate_authorization_request() (authorize_request.cpp). Each check reads the raw parameters,
// fills its part of the validated request and returns the first error it finds, if any.
//
// Checks before the redirect URI is trusted (client, redirect_uri) return errors that must NOT be
// redirected (RFC 6749 §4.1.2.1): the user sees an error page. Every later error is redirectable.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "oauth/authorize/authorization_request.hpp"
#include "oauth/error.hpp"
#include "store/models.hpp"

namespace authly::oauth::authorize {

struct CheckInput {
  const Params& params;
  const store::Client& client;
};

using Check = std::optional<OAuthError> (*)(const CheckInput& in, AuthorizationRequest& out);

// client_id present once, naming an active client. Not redirectable.
using ClientLookup = std::function<std::optional<store::Client>(const std::string& client_id)>;
std::optional<OAuthError> check_client(const Params& params, const ClientLookup& lookup, store::Client& client);

// redirect_uri present at most once and registered: exact string match (RFC 9700 §4.1.3), except
// that on a loopback IP literal any port number (1-65535, at most 5 digits) matches (RFC 8252
// §7.3). Omitted only when exactly one URI is registered (OAuth 2.1 §4.1.1). Not redirectable.
std::optional<OAuthError> check_redirect_uri(const CheckInput& in, AuthorizationRequest& out);
// The matching rule on its own: `requested` may be used for a client that registered `registered`.
bool redirect_uri_matches(std::string_view requested, std::string_view registered);

// RFC 6749 §3.1: request parameters must not be included more than once.
std::optional<OAuthError> check_single_parameters(const CheckInput& in, AuthorizationRequest& out);
// response_mode: query (default) or form_post.
std::optional<OAuthError> check_response_mode(const CheckInput& in, AuthorizationRequest& out);
// response_type is exactly "code": OAuth 2.1 has no implicit or hybrid flows.
std::optional<OAuthError> check_response_type(const CheckInput& in, AuthorizationRequest& out);
// The client is registered for the authorization_code grant (unauthorized_client otherwise).
std::optional<OAuthError> check_grant_allowed(const CheckInput& in, AuthorizationRequest& out);
// PKCE for every client (OAuth 2.1 §4.1.1, RFC 7636 §4.2-4.3): challenge of 43-128 unreserved
// characters, method S256 given explicitly ("plain" and its implicit default are refused).
std::optional<OAuthError> check_pkce(const CheckInput& in, AuthorizationRequest& out);
// scope syntax (RFC 6749 §3.3) and every token allowed for the client (invalid_scope).
std::optional<OAuthError> check_scope(const CheckInput& in, AuthorizationRequest& out);
// prompt: space-separated none|login|consent; none alone (OIDC Core §3.1.2.1).
std::optional<OAuthError> check_prompt(const CheckInput& in, AuthorizationRequest& out);
// OIDC Core §11: offline_access stays in the scopes only with prompt=consent and for a client
// allowed the refresh_token grant; otherwise it is dropped silently ("MUST ignore"). Runs after
// scope and prompt. Never fails.
std::optional<OAuthError> check_offline_access(const CheckInput& in, AuthorizationRequest& out);
// max_age: a non-negative integer number of seconds (OIDC Core §3.1.2.1).
std::optional<OAuthError> check_max_age(const CheckInput& in, AuthorizationRequest& out);
// state, nonce and login_hint are copied as given, up to these byte lengths (invalid_request
// beyond). They are stored with the interaction an anonymous request creates and echoed in the
// redirect, so they are kept far below what browsers and proxies accept in a URL.
inline constexpr std::size_t kMaxStateBytes = 1024;
inline constexpr std::size_t kMaxNonceBytes = 512;
inline constexpr std::size_t kMaxLoginHintBytes = 256;
std::optional<OAuthError> check_opaque_values(const CheckInput& in, AuthorizationRequest& out);
// claims (OIDC Core §5.5): when present, a valid claims request (oauth::parse_claims_request);
// invalid_request otherwise. Kept as JSON holding only the claims of the scopes the client is
// registered for (§5.4); the others are dropped silently; "" when none is left.
std::optional<OAuthError> check_claims(const CheckInput& in, AuthorizationRequest& out);

// A redirectable invalid_request-style error.
inline OAuthError redirect_error(ErrorCode code, std::string description) {
  return {code, std::move(description), {}, true};
}

}  // namespace authly::oauth::authorize
