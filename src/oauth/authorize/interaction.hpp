#pragma once
// The interaction: a validated authorization request kept server-side while the user signs in or
// consents, so that the forms carry no request parameters a browser could alter. The browser
// holds an opaque 256-bit id (cookie and hidden form field) and a CSRF token for each form; the
// store keeps only the SHA-256 of both. A consent step records the signed-in user on the
// interaction, and the consent form is accepted only from that user; a login step records no one,
// so prompt=login or max_age cannot be skipped by posting the consent form directly.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "oauth/authorize/authorization_request.hpp"
#include "oauth/authorize/interaction_policy.hpp"
#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oauth::authorize {

struct InteractionSecrets {
  std::string id;
  std::string csrf;
};

struct InteractionDeps {
  store::Store& store;
  core::Random& rng;
  std::chrono::seconds ttl;  // oauth.interaction_ttl_s
};

// A live interaction with what it keeps.
struct PendingInteraction {
  store::Interaction row;
  AuthorizationRequest request;
  store::Client client;
};

// Keeps `request` of `client_id` for deps.ttl; `user` is the signed-in user at a consent step.
InteractionSecrets start_interaction(const InteractionDeps& deps, const AuthorizationRequest& request,
                                     const std::string& client_id, const std::optional<Authentication>& user,
                                     core::TimePoint now);

// Records the user who reached the consent step of interaction `id`.
void bind_interaction_user(const InteractionDeps& deps, const std::string& id, const Authentication& user,
                           core::TimePoint now);

// A new CSRF token for showing the interaction's form again (the old one's hash is replaced).
std::string renew_interaction_csrf(const InteractionDeps& deps, const std::string& id, core::TimePoint now);

// Ends interaction `id` for good; false when another request already did (a second submission of
// the same form loses).
bool complete_interaction(const InteractionDeps& deps, const std::string& id, core::TimePoint now);

// Interaction `id` while it is live, its request readable and its client active.
std::optional<PendingInteraction> find_interaction(const InteractionDeps& deps, const std::string& id,
                                                   core::TimePoint now);

enum class InteractionRefusal {
  gone,    // unknown, expired, completed, or its client disabled since
  forged,  // the CSRF token does not match
};

// As find_interaction, for a submitted form: `csrf` must match the interaction's token (compared in
// constant time). Changes nothing.
core::Result<PendingInteraction, InteractionRefusal> resume_interaction(const InteractionDeps& deps,
                                                                        const std::string& id, const std::string& csrf,
                                                                        core::TimePoint now);

// What the consent page shows: the user's name and each requested scope with its description
// (empty for a scope the registry does not describe).
struct ConsentScreen {
  std::string username;
  std::vector<std::pair<std::string, std::string>> scopes;
};
ConsentScreen consent_screen(const InteractionDeps& deps, const std::string& user_id,
                             const std::vector<std::string>& scopes);

// The next step of the flow for `request` (next_step, interaction_policy.hpp) with the consent the
// signed-in `user` has on file for `client`; `user` is nullopt when nobody is signed in.
core::Result<Step, OAuthError> flow_step(const InteractionDeps& deps, const AuthorizationRequest& request,
                                         const store::Client& client, const std::optional<Authentication>& user,
                                         core::TimePoint now);

}  // namespace authly::oauth::authorize
