#include "services/client_registration.hpp"

#include "core/constant_time.hpp"
#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::services {

core::Result<Registrant, oauth::OAuthError> registrant(const RegistrationPolicy& policy,
                                                       const std::optional<std::string>& bearer,
                                                       const AdminTokenCheck& admin_check) {
  const Registrant anyone{false, "dynamic_registration"};
  const bool initial_required = !policy.initial_access_token.empty();
  if (bearer && policy.dynamic_registration && initial_required &&
      core::constant_time_equals(*bearer, policy.initial_access_token))
    return anyone;
  const bool open_registration = policy.dynamic_registration && !initial_required;
  if (!bearer) {
    if (open_registration) return anyone;
    return core::fail(oauth::make_error(oauth::ErrorCode::invalid_token, "This request needs a bearer access token"));
  }
  auto admin = admin_check(*bearer);
  if (admin) return Registrant{true, std::move(*admin)};
  if (admin.error().code == oauth::ErrorCode::insufficient_scope && open_registration) return anyone;
  return core::fail(std::move(admin.error()));
}

std::optional<ServiceError> check_self_registration(const oauth::ClientMetadata& m) {
  if (m.require_consent == false) return invalid("", "require_consent can only be turned off by an administrator");
  for (const auto& scope : oauth::scope_set(m.scope))
    if (scope.starts_with("authly:admin:"))
      return invalid("", "administrative scopes are granted by administrators only");
  for (const auto& grant : m.grant_types)
    if (grant == "password") return invalid("", "the password grant is enabled for a client by an administrator");
  // OIDC Registration §5 asks the server to fetch sector_identifier_uri and check that it lists the
  // client's redirect URIs; Authly does not fetch it, so an unverified sector (which decides the
  // pairwise `sub` values, and could be another RP's) is only taken from an administrator.
  if (!m.sector_identifier_uri.empty())
    return invalid("", "sector_identifier_uri is set for a client by an administrator");
  // backchannel_logout_uri and jwks_uri are checked by the registry with Registrar::self: Authly
  // requests them from inside the deployment, so a self-registered client may not aim them at
  // loopback, private or link-local addresses, nor use plain http (oauth/outbound_url.hpp).
  return std::nullopt;
}

core::Result<IssuedClient, ServiceError> register_client(ClientService& clients, core::Random& rng,
                                                         const Registrant& who, const oauth::ClientMetadata& metadata) {
  if (!who.admin)
    if (auto refused = check_self_registration(metadata)) return core::fail(std::move(*refused));
  auto input = new_client_from_metadata(metadata);
  input.client_id = who.admin && metadata.client_id ? *metadata.client_id : crypto::uuid_v4(rng);
  input.registered_by_admin = who.admin;
  if (input.name.empty()) input.name = input.client_id;
  return clients.create(input, who.actor);
}

core::Result<IssuedClient, ServiceError> replace_client(ClientService& clients, const std::string& client_id,
                                                        const oauth::ClientMetadata& metadata,
                                                        const std::string& actor) {
  if (metadata.client_id && *metadata.client_id != client_id)
    return core::fail(invalid("", "client_id does not match the client being updated"));
  if (metadata.client_secret) {
    const auto existing = clients.find(client_id);
    if (!existing) return core::fail(not_found("client_id", "no such client"));
    if (existing->secret_hash.empty() ||
        !core::constant_time_equals(crypto::sha256_hex(*metadata.client_secret), existing->secret_hash))
      return core::fail(invalid("", "client_secret does not match the client's current secret"));
  }
  auto input = new_client_from_metadata(metadata);
  if (input.name.empty()) input.name = client_id;
  return clients.update(client_id, input, actor);
}

oauth::OAuthError registration_error(const ServiceError& e) {
  const auto code =
      e.field == "redirect_uris" ? oauth::ErrorCode::invalid_redirect_uri : oauth::ErrorCode::invalid_client_metadata;
  const std::string text = e.field.empty() ? e.message : e.field + ": " + e.message;
  return oauth::make_error(code, text, e.detail);
}

}  // namespace authly::services
