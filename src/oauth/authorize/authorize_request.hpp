#pragma once
// Validating an authorization request (OAuth 2.1 §4.1.1 with PKCE, OIDC Core §3.1.2.1).
#include "core/result.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/authorize/checks.hpp"
#include "oauth/authorize/interaction.hpp"
#include "oauth/error.hpp"
#include "store/client_repository.hpp"

namespace authly::oauth::authorize {

// Why a request was refused, and where the answer may go. When error.redirectable is false the
// client or redirect URI could not be trusted and the user must see an error page instead
// (RFC 6749 §4.1.2.1); otherwise the error goes to redirect_uri with state (and iss, RFC 9207)
// in response_mode.
struct AuthorizeFailure {
  OAuthError error;
  std::string redirect_uri;
  std::string state;
  ResponseMode response_mode = ResponseMode::query;
};

struct ValidatedRequest {
  AuthorizationRequest request;
  store::Client client;
};

// Runs the checks in the order of the table in authorize_request.cpp; the first failure wins.
core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                const ClientLookup& lookup);
// The same, with the clients of `clients`.
core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                store::ClientRepository& clients);
// The same, with the clients of the flow's store.
core::Result<ValidatedRequest, AuthorizeFailure> validate_authorization_request(const Params& params,
                                                                                const InteractionDeps& deps);

}  // namespace authly::oauth::authorize
