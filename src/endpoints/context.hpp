#pragma once
// What endpoint handlers may use. Built once by app/ (the composition root); every member outlives
// the server. Endpoints translate HTTP: they read the request, call a use-case of oauth/, oidc/ or
// services/ with the dependencies bound in `use`, and render its answer. They hold no repository:
// what a use-case reads or writes is its own business. Handlers on the blocking pool may call any
// use-case; inline handlers only those that answer from memory or ask for the pool first
// (core/blocking.hpp).
#include <functional>
#include <string>

#include "cache/rate_limiter.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "oauth/admin_access.hpp"
#include "oauth/authorize/code_issuance.hpp"
#include "oauth/authorize/interaction.hpp"
#include "oauth/cors_origins.hpp"
#include "oauth/password_login.hpp"
#include "oauth/signing_keys.hpp"
#include "oauth/token_request.hpp"
#include "observability/metrics.hpp"
#include "oidc/browser_session.hpp"
#include "oidc/logout_request.hpp"
#include "oidc/session_end.hpp"
#include "oidc/userinfo.hpp"
#include "services/client_service.hpp"

namespace authly::endpoints {

// The use-cases' dependencies, bound once from the configuration.
struct UseCases {
  oauth::authorize::InteractionDeps interactions;  // authorization requests, interactions, consent
  oauth::authorize::CodeIssueDeps codes;           // authorization codes
  oauth::PasswordLoginDeps login;                  // the login page's password check
  oidc::BrowserSessionDeps sessions;               // single sign-on sessions (with how they end)
  oidc::LogoutRequestDeps logout;                  // RP-initiated logout requests
  oidc::UserInfoDeps userinfo;                     // the UserInfo endpoint
  oauth::AdminAccessDeps admin;                    // administrative bearer tokens
  oauth::TokenEndpointDeps tokens;                 // token, revocation and introspection
  services::ClientService& clients;                // the client registry
  std::function<std::string()> provider_metadata;  // the discovery document, as JSON
};

struct EndpointContext {
  const config::Config& config;
  const core::Clock& clock;
  core::Random& rng;                        // client_ids of registrations
  oauth::SigningKeys& keys;                 // the published key set (JWKS, discovery)
  cache::RateLimiter& limiter;              // per-IP limits answered before any other work
  observability::MetricsRegistry& metrics;  // the counters /metrics exposes
  UseCases use;
  // Origins browser apps may call from (endpoints/cors.hpp); by default none.
  const oauth::CorsOrigins& cors = oauth::CorsOrigins::none();
};

}  // namespace authly::endpoints
