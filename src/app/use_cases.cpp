#include "app/use_cases.hpp"

#include <memory>
#include <stdexcept>

#include "jose/algorithm.hpp"
#include "oauth/verified_token_cache.hpp"
#include "oidc/discovery.hpp"
#include "oidc/id_token_issuer.hpp"

namespace authly::app {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

oauth::TokenPolicy token_policy(const config::Config& c, std::string_view pairwise_key) {
  oauth::TokenPolicy policy;
  policy.issuer = c.issuer;
  policy.access_token_ttl = seconds(c.oauth.access_token_ttl_s);
  policy.refresh_idle_ttl = seconds(c.oauth.refresh_token_idle_ttl_s);
  policy.refresh_absolute_ttl = seconds(c.oauth.refresh_token_absolute_ttl_s);
  policy.session_idle_ttl = seconds(c.session.idle_ttl_s);
  policy.password_grant = c.oauth.password_grant;
  policy.pairwise_key = std::string(pairwise_key);
  policy.login = {c.login.max_failures, seconds(c.login.lockout_s), c.login.per_ip_per_minute};
  return policy;
}

oauth::ClientAuthLimits client_auth_limits(const config::OAuthConfig& o) {
  return {o.client_auth_failures_per_ip_per_minute, o.client_requests_per_ip_per_minute,
          o.client_requests_per_client_per_minute};
}

}  // namespace

endpoints::UseCases bind_use_cases(UseCaseParts p) {
  const auto& c = p.config;
  const auto alg = jose::algorithm_from_string(c.oauth.signing_alg);
  if (!alg) throw std::invalid_argument("oauth.signing_alg is not a known algorithm");
  oauth::KeyCachePolicy key_policy;
  key_policy.failure_backoff = seconds(c.oauth.jwks_failure_backoff_s);
  key_policy.max_wait = milliseconds(c.oauth.jwks_fetch_wait_ms);
  const oidc::SessionEndDeps session_end{p.store, p.keys, p.backchannel, p.rng, c.issuer, p.pairwise_key};
  auto policy = token_policy(c, p.pairwise_key);
  const auto login = policy.login;
  return endpoints::UseCases{
      {p.store, p.rng, seconds(c.oauth.interaction_ttl_s)},
      {p.store, p.rng, seconds(c.oauth.authorization_code_ttl_s)},
      {p.store, p.hasher, p.limiter, login},
      {p.store, session_end, seconds(c.session.idle_ttl_s), seconds(c.session.absolute_ttl_s)},
      {p.store, p.keys, c.issuer},
      {p.store, p.keys, c.issuer, p.pairwise_key},
      {p.store, p.keys, c.issuer, p.pairwise_key},
      oauth::TokenEndpointDeps{
          std::move(policy), p.store, p.rng, p.keys, *alg, p.hasher, p.limiter,
          std::make_shared<oauth::ClientKeyCache>(std::move(p.jwks_fetch), key_policy),
          std::make_shared<oidc::IdTokenIssuer>(c, p.keys, p.store, std::string(p.pairwise_key)),
          std::make_shared<oauth::VerifiedTokenCache>(),
          p.request_counts ? std::make_shared<oauth::ClientAuthThrottle>(*p.request_counts, client_auth_limits(c.oauth))
                           : nullptr},
      p.clients,
      [&c, &store = p.store] { return oidc::provider_metadata_json(c, store.scopes()); }};
}

}  // namespace authly::app
