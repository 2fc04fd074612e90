#pragma once
// Client registration over HTTP (RFC 7591 §3, RFC 7592 §2): what a self-registered client may ask
// for, who chooses the client_id, what a client_secret sent with an update means, and which
// RFC 7591 §3.2.2 error a refused registration gets. The registry's own rules (metadata values,
// secrets, audit) are ClientService's; who is calling is decided by the endpoint's bearer check.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.hpp"
#include "core/result.hpp"
#include "oauth/client_metadata.hpp"
#include "oauth/error.hpp"
#include "services/client_service.hpp"
#include "services/service_error.hpp"

namespace authly::services {

struct Registrant {
  bool admin = false;  // an administrator's token; otherwise dynamic registration
  std::string actor;   // audit: the admin token's subject, or "dynamic_registration"
};

struct RegistrationPolicy {
  bool dynamic_registration = false;      // oauth.dynamic_registration
  std::string_view initial_access_token;  // oauth.initial_access_token; empty: none required
};

// Checks an administrator's bearer token (oauth::verify_admin_token for write access): the token's
// subject, or its refusal.
using AdminTokenCheck = std::function<core::Result<std::string, oauth::OAuthError>(std::string_view token)>;

// RFC 7591 §3: who is registering, from the bearer token the request carried (nullopt: none).
// An administrator's token always works. With dynamic registration on, an initial access token,
// when configured, is required (compared in constant time); without one, anyone may register, and
// a valid token without the admin scope registers as anyone would. Otherwise invalid_token, or
// the admin check's own refusal.
core::Result<Registrant, oauth::OAuthError> registrant(const RegistrationPolicy& policy,
                                                       const std::optional<std::string>& bearer,
                                                       const AdminTokenCheck& admin_check);

// What a self-registered client may not ask for: the registry would hand it powers an
// administrator must grant (administrative scopes, the password grant, skipping consent, a sector
// identifier nobody verified).
std::optional<ServiceError> check_self_registration(const oauth::ClientMetadata& metadata);

// RFC 7591 §3.2.1: the server issues the client_id (a UUID); only an administrator may choose one.
// A missing client_name becomes the client_id (§2: the name is optional).
core::Result<IssuedClient, ServiceError> register_client(ClientService& clients, core::Random& rng,
                                                         const Registrant& who, const oauth::ClientMetadata& metadata);

// RFC 7592 §2.2 by an administrator: a client_id in the body must be the client's own, and a
// client_secret sent must be its current one (compared by hash, in constant time).
core::Result<IssuedClient, ServiceError> replace_client(ClientService& clients, const std::string& client_id,
                                                        const oauth::ClientMetadata& metadata,
                                                        const std::string& actor);

// RFC 7591 §3.2.2: a bad redirect URI is invalid_redirect_uri, every other refusal
// invalid_client_metadata; the description is the fixed message, the input stays in the log
// detail. (not_found is the caller's 404.)
oauth::OAuthError registration_error(const ServiceError& error);

}  // namespace authly::services
