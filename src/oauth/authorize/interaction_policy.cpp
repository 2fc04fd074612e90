#include "oauth/authorize/interaction_policy.hpp"

#include <algorithm>

namespace authly::oauth::authorize {
namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
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

}  // namespace

bool scopes_covered(const std::vector<std::string>& requested, const std::string& granted) {
  const auto have = split(granted);
  return std::all_of(requested.begin(), requested.end(),
                     [&](const std::string& s) { return std::find(have.begin(), have.end(), s) != have.end(); });
}

std::string merge_scopes(const std::string& granted, const std::vector<std::string>& added) {
  auto all = split(granted);
  for (const auto& s : added)
    if (std::find(all.begin(), all.end(), s) == all.end()) all.push_back(s);
  std::string out;
  for (const auto& s : all) out += (out.empty() ? "" : " ") + s;
  return out;
}

core::Result<Step, OAuthError> next_step(const AuthorizationRequest& request,
                                         const std::optional<Authentication>& authentication,
                                         bool client_requires_consent, const std::string& granted_scope,
                                         core::TimePoint now) {
  if (needs_login(request, authentication, now)) {
    if (request.prompt.none) return core::fail(OAuthError{ErrorCode::login_required, "the user must log in", {}, true});
    return Step::login;
  }
  const bool consent =
      request.prompt.consent || (client_requires_consent && !scopes_covered(request.scopes, granted_scope));
  if (consent) {
    if (request.prompt.none)
      return core::fail(OAuthError{ErrorCode::consent_required, "the user must consent", {}, true});
    return Step::consent;
  }
  return Step::issue;
}

}  // namespace authly::oauth::authorize
