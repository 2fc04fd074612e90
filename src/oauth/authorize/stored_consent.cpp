#include "oauth/authorize/stored_consent.hpp"

#include "oauth/audit.hpp"
#include "oauth/claims_request.hpp"

namespace authly::oauth::authorize {

std::optional<GrantedConsent> stored_consent(store::Store& store, const std::string& user_id,
                                             const std::string& client_id) {
  const auto row = store.consents().find(user_id, client_id);
  if (!row) return std::nullopt;
  return GrantedConsent{row->scope, row->claims};
}

void record_consent(store::Store& store, const std::string& user_id, const std::string& client_id,
                    const AuthorizationRequest& request, core::TimePoint now) {
  const auto existing = store.consents().find(user_id, client_id);
  const auto granted = grant_consent(
      existing ? std::optional(GrantedConsent{existing->scope, existing->claims}) : std::nullopt, request);
  store::Consent consent;
  consent.user_id = user_id;
  consent.client_id = client_id;
  consent.scope = granted.scope;
  consent.claims = granted.claims;
  consent.created_at = existing ? existing->created_at : now;
  consent.updated_at = now;
  store.consents().upsert(consent);
}

void audit_consent(store::Store& store, bool granted, const std::string& user_id, const std::string& client_id,
                   const AuthorizationRequest& request, const std::string& ip, core::TimePoint now) {
  boost::json::object detail;
  detail["scope"] = scope_string(request);
  // Claim names only: check_claims kept those of the client's registered scopes, all plain names.
  if (const auto claims = requested_claim_names(request.claims); !claims.empty())
    detail["claims"] = merge_scopes("", claims);
  audit(store, now, granted ? "consent.granted" : "consent.denied", user_id, client_id, ip, detail);
}

void answer_consent(const InteractionDeps& deps, bool allow, const std::string& user_id, const std::string& client_id,
                    const AuthorizationRequest& request, const std::string& ip, core::TimePoint now) {
  if (allow) record_consent(deps.store, user_id, client_id, request, now);
  audit_consent(deps.store, allow, user_id, client_id, request, ip, now);
}

}  // namespace authly::oauth::authorize
