#pragma once
// The rules of an RP-Initiated Logout request (OpenID Connect RP-Initiated Logout 1.0), once its
// parameters are read (HTTP's part: endpoints/end_session_endpoint.cpp):
// - an id_token_hint must be an ID token Authly issued (id_token_hint.hpp); a client_id sent with
//   it must be the client it was issued to (§2);
// - the client it names (by the hint or client_id) must exist and be active;
// - post_logout_redirect_uri needs the client and must be one of its registered URIs, compared as
//   strings without normalisation (§3): never redirect to a URI that was not registered;
// - the hint names a browser session when its subject is the one that client sees for the
//   session's user and, if it carries a sid, the sid matches: only then is the user logged out
//   without being asked (§2 leaves the confirmation to the OP).
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "oauth/signing_keys.hpp"
#include "oidc/id_token_hint.hpp"
#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oidc {

struct LogoutParams {
  std::string id_token_hint;  // empty: none
  std::string client_id;
  std::string post_logout_redirect_uri;
  std::string state;
};

// The request after validation: the client and redirect target are trusted from here on.
struct LogoutRequest {
  std::optional<store::Client> client;   // from the hint's aud or client_id
  std::string post_logout_redirect_uri;  // registered for `client`, exactly; empty when none
  std::string state;
  std::optional<IdTokenHint> hint;
};

struct LogoutRefusal {
  std::string message;     // for the user (a sentence)
  std::string log_detail;  // for the server log only; empty when the message says it all
};

struct LogoutRequestDeps {
  store::Store& store;
  oauth::SigningKeys& keys;
  std::string_view issuer;
};

core::Result<LogoutRequest, LogoutRefusal> validate_logout_request(const LogoutRequestDeps& deps,
                                                                   const LogoutParams& params);

bool hint_names_session(const LogoutRequest& request, const store::Session& session, std::string_view pairwise_key);

}  // namespace authly::oidc
