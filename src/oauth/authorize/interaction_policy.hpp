#pragma once
// What an authorization request needs next from the user: a login, a consent, or nothing (issue
// the code). Plain function over what the endpoint found: the browser session, the consent on file.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/error.hpp"

namespace authly::oauth::authorize {

enum class Step { login, consent, issue };

struct Authentication {
  std::string user_id;
  core::TimePoint auth_time{};
  bool fresh = false;  // the user authenticated during this very request (login form just posted)
};

// Rules: no authentication, prompt=login or max_age elapsed (OIDC Core §3.1.2.1; max_age=0 is
// prompt=login) need a login unless it is fresh; prompt=consent, or a client requiring consent
// with no stored grant covering every requested scope, needs consent. With prompt=none either
// becomes a redirectable login_required / consent_required error (OIDC Core §3.1.2.6).
core::Result<Step, OAuthError> next_step(const AuthorizationRequest& request,
                                         const std::optional<Authentication>& authentication,
                                         bool client_requires_consent, const std::string& granted_scope,
                                         core::TimePoint now);

// True when every requested scope is in the space-separated `granted` set.
bool scopes_covered(const std::vector<std::string>& requested, const std::string& granted);
// `granted` plus any of `added` it lacks, space-separated (consent only ever grows by a request).
std::string merge_scopes(const std::string& granted, const std::vector<std::string>& added);

}  // namespace authly::oauth::authorize
