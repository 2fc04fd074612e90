#pragma once
// OAuth client registry: validated creation (RFC 7591 field names), secret issue and rotation.
// Secrets are 256-bit random values shown once and stored as SHA-256 (DESIGN.md §4).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "oauth/client_metadata.hpp"
#include "services/service_error.hpp"
#include "store/store.hpp"

namespace authly::services {

struct NewClient {
  std::string client_id;  // empty: a UUID is generated
  std::string name;
  std::string type = "confidential";  // confidential | public
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> grant_types;  // empty: authorization_code + refresh_token
  std::string scope;
  std::string auth_method;  // empty: client_secret_basic (confidential) or none (public)
  std::string jwks_uri;
  std::string jwks;
  std::string backchannel_logout_uri;
  bool require_consent = true;
  // OIDC Registration §2 (oauth/client_metadata.hpp has the rules).
  std::string id_token_signed_response_alg;  // empty: RS256
  std::string userinfo_signed_response_alg;  // empty: UserInfo answers plain JSON
  std::string subject_type;                  // empty: public
  std::string sector_identifier_uri;
  // Set by the caller that knows: the admin API and the CLI. Decides which addresses the client's
  // outbound URIs may reach (store::Client::registered_by_admin); ignored by update(), which keeps
  // the client's original value.
  bool registered_by_admin = false;
};

struct IssuedClient {
  store::Client client;
  std::optional<std::string> secret;  // present once, at creation or rotation
};

// Told after a write through a ClientService committed: the client as written, or null once it was
// removed (the application keeps its CORS origin set current with it, oauth/cors_origins.hpp).
using ClientChanged = std::function<void(const store::Client* saved)>;

class ClientService {
 public:
  ClientService(store::Store& store, core::Random& rng, const core::Clock& clock, ClientChanged changed = {});

  core::Result<IssuedClient, ServiceError> create(const NewClient& input, const std::string& actor);
  std::optional<store::Client> find(const std::string& client_id);
  std::vector<store::Client> list(int limit, int offset);
  // New secret for a client that authenticates with one; the old secret stops working at once.
  core::Result<IssuedClient, ServiceError> rotate_secret(const std::string& client_id, const std::string& actor);
  // RFC 7592 §2.2: replaces every metadata value with `input` (the same rules as create), keeping
  // client_id, creation time and the current secret. A client that moves to a secret-based auth
  // method without a secret gets one (returned once); one that moves away from it loses its secret.
  // input.client_id is ignored. not_found when there is no such client.
  core::Result<IssuedClient, ServiceError> update(const std::string& client_id, const NewClient& input,
                                                  const std::string& actor);
  // Deletes the client; its codes, refresh tokens and consents go with it.
  core::Result<core::Ok, ServiceError> remove(const std::string& client_id, const std::string& actor);

 private:
  store::Store& store_;
  core::Random& rng_;
  const core::Clock& clock_;
  ClientChanged changed_;
};

// RFC 7591 §2 metadata as the registry's input. client_id and client_secret are not copied: who may
// choose a client_id, and what a sent secret means, is the caller's decision.
NewClient new_client_from_metadata(const oauth::ClientMetadata& metadata);

// RFC 7591 §3.2.1 client information response; includes client_secret only when given. With the
// OIDC members: id_token_signed_response_alg, userinfo_signed_response_alg (when set: absent means
// plain JSON, OIDC Registration §2), subject_type, sector_identifier_uri (when set),
// backchannel_logout_uri and backchannel_logout_session_required (always true: every logout token
// carries sid).
std::string client_to_json(const store::Client& client, const std::optional<std::string>& secret);

}  // namespace authly::services
