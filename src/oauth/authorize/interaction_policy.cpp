#include "oauth/authorize/interaction_policy.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "oauth/claims_request.hpp"
#include "oauth/scope_claims.hpp"

namespace authly::oauth::authorize {
namespace {

// The space-separated names of `s` as views into it (empty tokens skipped).
std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool needs_login(const AuthorizationRequest& r, const std::optional<Authentication>& a, core::TimePoint now) {
  if (!a) return true;
  if (a->fresh) return false;
  if (r.prompt.login) return true;
  if (r.max_age) {
    if (*r.max_age == 0) return true;
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - a->auth_time).count();
    if (elapsed > *r.max_age) return true;
  }
  return false;
}

bool needs_consent(const AuthorizationRequest& request, bool client_requires_consent,
                   const std::optional<GrantedConsent>& consent) {
  if (request.prompt.consent) return true;
  if (!client_requires_consent) return false;
  return !consent || !consent_covers(*consent, request);
}

}  // namespace

bool scopes_covered(const std::vector<std::string>& requested, const std::string& granted) {
  const auto names = split(granted);
  const std::unordered_set<std::string_view> have(names.begin(), names.end());
  return std::all_of(requested.begin(), requested.end(), [&](const std::string& s) { return have.contains(s); });
}

std::string merge_scopes(const std::string& granted, const std::vector<std::string>& added) {
  std::string out;
  std::unordered_set<std::string_view> seen;
  auto add = [&](std::string_view s) {
    if (!seen.insert(s).second) return;
    if (!out.empty()) out += ' ';
    out += s;
  };
  for (auto s : split(granted)) add(s);
  for (const auto& s : added) add(s);
  return out;
}

bool consent_covers(const GrantedConsent& consent, const AuthorizationRequest& request) {
  if (!scopes_covered(request.scopes, consent.scope)) return false;
  const auto claims = requested_claim_names(request.claims);
  if (claims.empty()) return true;
  // §5.4: a consented scope covers its claims; the rest must have been consented one by one.
  auto covered = claims_of_scopes(consent.scope);
  for (auto name : split(consent.claims)) covered.insert(name);
  return std::all_of(claims.begin(), claims.end(), [&](const std::string& c) { return covered.contains(c); });
}

GrantedConsent grant_consent(const std::optional<GrantedConsent>& existing, const AuthorizationRequest& request) {
  GrantedConsent out;
  out.scope = merge_scopes(existing ? existing->scope : "", request.scopes);
  out.claims = merge_scopes(existing ? existing->claims : "", requested_claim_names(request.claims));
  return out;
}

core::Result<Step, OAuthError> next_step(const AuthorizationRequest& request,
                                         const std::optional<Authentication>& authentication,
                                         bool client_requires_consent, const std::optional<GrantedConsent>& consent,
                                         core::TimePoint now) {
  if (needs_login(request, authentication, now)) {
    if (request.prompt.none) return core::fail(OAuthError{ErrorCode::login_required, "the user must log in", {}, true});
    return Step::login;
  }
  if (needs_consent(request, client_requires_consent, consent)) {
    if (request.prompt.none)
      return core::fail(OAuthError{ErrorCode::consent_required, "the user must consent", {}, true});
    return Step::consent;
  }
  return Step::issue;
}

}  // namespace authly::oauth::authorize
