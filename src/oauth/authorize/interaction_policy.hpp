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

// What a user has consented to for one client (the consent on file, as plain data).
struct GrantedConsent {
  std::string scope;   // space-separated
  std::string claims;  // claims consented individually through the claims parameter, space-separated
};

// Rules: no authentication, prompt=login or max_age elapsed (OIDC Core §3.1.2.1; max_age=0 is
// prompt=login) need a login unless it is fresh. prompt=consent needs consent; so does a client
// requiring consent when no consent is on file — whatever the scope, even none: the code still acts
// for the user — or when the consent on file does not cover the request (consent_covers). With
// prompt=none either becomes a redirectable login_required / consent_required (OIDC Core §3.1.2.6).
core::Result<Step, OAuthError> next_step(const AuthorizationRequest& request,
                                         const std::optional<Authentication>& authentication,
                                         bool client_requires_consent, const std::optional<GrantedConsent>& consent,
                                         core::TimePoint now);

// True when `consent` covers every requested scope and every claim the request's claims parameter
// names: a claim is covered when consented individually or when it belongs to a consented scope
// (OIDC Core §5.4).
bool consent_covers(const GrantedConsent& consent, const AuthorizationRequest& request);

// What consenting to `request` leaves on file: `existing` (if any) plus the request's scopes and
// the claims its claims parameter names. Consent only ever grows by a request.
GrantedConsent grant_consent(const std::optional<GrantedConsent>& existing, const AuthorizationRequest& request);

// True when every requested scope is in the space-separated `granted` set. Linear (hash set).
bool scopes_covered(const std::vector<std::string>& requested, const std::string& granted);
// `granted` plus any of `added` it lacks, space-separated, in order. Linear (hash set).
std::string merge_scopes(const std::string& granted, const std::vector<std::string>& added);

}  // namespace authly::oauth::authorize
