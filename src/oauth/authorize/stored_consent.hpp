#pragma once
// The user's stored consent for a client (OIDC Core §3.1.2.4): read when deciding whether the consent
// page is needed, and extended when the user allows a request. What a consent covers is decided by
// interaction_policy.hpp; this file only moves it to and from the store.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/authorize/interaction.hpp"
#include "oauth/authorize/interaction_policy.hpp"
#include "store/store.hpp"

namespace authly::oauth::authorize {

std::optional<GrantedConsent> stored_consent(store::Store& store, const std::string& user_id,
                                             const std::string& client_id);

// Records that the user allowed `request`: its scopes and individually requested claims, merged
// with what was consented before (grant_consent). The first consent's creation time is kept.
void record_consent(store::Store& store, const std::string& user_id, const std::string& client_id,
                    const AuthorizationRequest& request, core::TimePoint now);

// The user's answer on the consent page, audited as "consent.granted" or "consent.denied" with
// the request's scope and the names of the claims it asked for individually.
void audit_consent(store::Store& store, bool granted, const std::string& user_id, const std::string& client_id,
                   const AuthorizationRequest& request, const std::string& ip, core::TimePoint now);

// The user's answer on the consent page of `request`: an allow extends the stored consent
// (record_consent); both answers are audited (audit_consent).
void answer_consent(const InteractionDeps& deps, bool allow, const std::string& user_id, const std::string& client_id,
                    const AuthorizationRequest& request, const std::string& ip, core::TimePoint now);

}  // namespace authly::oauth::authorize
