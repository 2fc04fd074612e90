#include "oauth/authorize/interaction.hpp"

#include "core/constant_time.hpp"
#include "crypto/hash.hpp"
#include "oauth/authorize/stored_consent.hpp"

namespace authly::oauth::authorize {

InteractionSecrets start_interaction(const InteractionDeps& deps, const AuthorizationRequest& request,
                                     const std::string& client_id, const std::optional<Authentication>& user,
                                     core::TimePoint now) {
  InteractionSecrets secrets{core::random_token(deps.rng, 32), core::random_token(deps.rng, 32)};
  store::Interaction row;
  row.id_hash = crypto::sha256_hex(secrets.id);
  row.client_id = client_id;
  row.params = to_json(request);
  row.csrf_hash = crypto::sha256_hex(secrets.csrf);
  if (user) {
    row.user_id = user->user_id;
    row.auth_time = user->auth_time;
  }
  row.created_at = now;
  row.expires_at = now + deps.ttl;
  deps.store.interactions().create(row);
  return secrets;
}

void bind_interaction_user(const InteractionDeps& deps, const std::string& id, const Authentication& user,
                           core::TimePoint now) {
  deps.store.interactions().set_user(crypto::sha256_hex(id), user.user_id, user.auth_time, now);
}

std::string renew_interaction_csrf(const InteractionDeps& deps, const std::string& id, core::TimePoint now) {
  std::string csrf = core::random_token(deps.rng, 32);
  deps.store.interactions().set_csrf(crypto::sha256_hex(id), crypto::sha256_hex(csrf), now);
  return csrf;
}

bool complete_interaction(const InteractionDeps& deps, const std::string& id, core::TimePoint now) {
  return deps.store.interactions().complete(crypto::sha256_hex(id), now).has_value();
}

namespace {

std::optional<PendingInteraction> with_request_and_client(store::Store& store, store::Interaction row) {
  auto request = request_from_json(row.params);
  if (!request) return std::nullopt;
  auto client = store.clients().find(row.client_id);
  if (!client || !client->is_active) return std::nullopt;
  return PendingInteraction{std::move(row), std::move(*request), std::move(*client)};
}

}  // namespace

std::optional<PendingInteraction> find_interaction(const InteractionDeps& deps, const std::string& id,
                                                   core::TimePoint now) {
  auto row = deps.store.interactions().find_active(crypto::sha256_hex(id), now);
  if (!row) return std::nullopt;
  return with_request_and_client(deps.store, std::move(*row));
}

core::Result<PendingInteraction, InteractionRefusal> resume_interaction(const InteractionDeps& deps,
                                                                        const std::string& id, const std::string& csrf,
                                                                        core::TimePoint now) {
  auto row = deps.store.interactions().find_active(crypto::sha256_hex(id), now);
  if (!row) return core::fail(InteractionRefusal::gone);
  if (!core::constant_time_equals(crypto::sha256_hex(csrf), row->csrf_hash))
    return core::fail(InteractionRefusal::forged);
  auto pending = with_request_and_client(deps.store, std::move(*row));
  if (!pending) return core::fail(InteractionRefusal::gone);
  return std::move(*pending);
}

ConsentScreen consent_screen(const InteractionDeps& deps, const std::string& user_id,
                             const std::vector<std::string>& scopes) {
  ConsentScreen screen;
  if (auto user = deps.store.users().find_by_id(user_id)) screen.username = user->username;
  for (const auto& name : scopes) {
    auto scope = deps.store.scopes().find(name);
    screen.scopes.emplace_back(name, scope ? scope->description : "");
  }
  return screen;
}

core::Result<Step, OAuthError> flow_step(const InteractionDeps& deps, const AuthorizationRequest& request,
                                         const store::Client& client, const std::optional<Authentication>& user,
                                         core::TimePoint now) {
  std::optional<GrantedConsent> granted;
  if (user) granted = stored_consent(deps.store, user->user_id, client.id);
  return next_step(request, user, client.require_consent, granted, now);
}

}  // namespace authly::oauth::authorize
