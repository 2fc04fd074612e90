#pragma once
// Rows Authly stores. Secrets never appear here in clear: tokens, codes, client secrets and session
// ids are stored as SHA-256 (hex), passwords as argon2id/bcrypt PHC strings, private keys encrypted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace authly::store {

using core::TimePoint;

struct User {
  std::string id;  // UUIDv4; also the OIDC `sub` (public subject type)
  std::string username;
  std::string email;
  bool email_verified = false;
  std::string password_hash;  // PHC string: $argon2id$... or $2b$...
  std::string given_name;
  std::string family_name;
  // The other OIDC Core §5.1 standard claims (name, nickname, picture, locale, phone_number,
  // phone_number_verified, address, ...) as a JSON object; "{}" when none are set.
  std::string profile = "{}";
  bool is_admin = false;
  bool is_active = true;  // false: disabled, cannot log in, tokens refused
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> last_login_at;
};

enum class ClientType { confidential, public_ };

struct Client {
  std::string id;  // client_id
  std::string name;
  ClientType type = ClientType::confidential;
  std::string secret_hash;  // SHA-256 hex of the secret; empty for public and private_key_jwt clients
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> grant_types;  // e.g. authorization_code, refresh_token, client_credentials
  std::string scope;                     // space-separated scopes the client may request
  std::string token_endpoint_auth_method = "client_secret_basic";
  std::string jwks_uri;
  std::string jwks;  // registered JWK Set (JSON) for private_key_jwt
  std::string backchannel_logout_uri;
  std::string id_token_signed_response_alg = "RS256";
  std::string userinfo_signed_response_alg;  // empty: UserInfo answers unsigned JSON (OIDC Core §5.3.2)
  std::string subject_type = "public";
  std::string sector_identifier_uri;
  bool require_consent = true;
  bool is_active = true;
  // Registered by an administrator (admin API, CLI) rather than through RFC 7591 dynamic
  // registration: only such a client's back-channel and jwks_uri requests may reach loopback or
  // private addresses (oauth/outbound_url.hpp). Kept across updates: it records where the client came from.
  bool registered_by_admin = false;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<TimePoint> secret_rotated_at;
};

struct Scope {
  std::string name;
  std::string description;
  bool is_default = false;  // granted when a client asks for no scope
  TimePoint created_at{};
};

struct AuthorizationCode {
  std::string code_hash;
  std::string client_id;
  std::string user_id;
  std::string redirect_uri;
  std::string scope;
  std::string code_challenge;
  std::string code_challenge_method = "S256";
  std::string nonce;
  std::string session_id;  // hash of the browser session that approved it
  std::string claims;      // OIDC `claims` request parameter (JSON), may be empty
  std::string family_id;   // refresh-token family the exchange created, so a replay can revoke it
  TimePoint auth_time{};
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> consumed_at;
};

struct RefreshToken {
  std::string token_hash;
  std::string family_id;    // all rotations of one grant share it
  std::string parent_hash;  // the token this one replaced (empty for the first)
  std::string client_id;
  std::string user_id;  // empty for grants without a user
  std::string scope;
  std::string session_id;  // empty when offline_access outlives the session
  bool offline = false;
  // Repeated in ID tokens minted on refresh (OIDC Core §12.2).
  std::string sid;  // the session's public id; empty for grants without a browser session
  std::string acr;
  std::string amr;     // space-separated
  std::string claims;  // OIDC `claims` request parameter (JSON), may be empty
  TimePoint auth_time{};
  TimePoint created_at{};
  TimePoint expires_at{};       // absolute lifetime of the family
  TimePoint idle_expires_at{};  // idle lifetime, renewed on each rotation
  std::optional<TimePoint> rotated_at;
  std::optional<TimePoint> revoked_at;
};

enum class KeyState { next, active, retired };

struct SigningKey {
  std::string kid;
  std::string alg;  // ES256, RS256, PS256, EdDSA
  KeyState state = KeyState::next;
  std::string public_jwk;       // JSON
  std::string private_key_enc;  // AES-256-GCM under the master key, base64url
  TimePoint created_at{};
  std::optional<TimePoint> activated_at;
  std::optional<TimePoint> retired_at;
  std::optional<TimePoint> remove_after;  // retired keys stay published until then
};

struct Session {
  std::string id_hash;  // SHA-256 of the cookie value
  std::string user_id;
  std::string sid;  // public session id for ID tokens / back-channel logout
  std::string amr;  // space-separated
  std::string acr;
  TimePoint auth_time{};
  TimePoint created_at{};
  TimePoint last_seen_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> ended_at;
};

struct Consent {
  std::string user_id;
  std::string client_id;
  std::string scope;  // granted scopes, space-separated
  TimePoint created_at{};
  TimePoint updated_at{};
  // Claims granted individually through the OIDC `claims` parameter (OIDC Core §5.5),
  // space-separated; claims of granted scopes (§5.4) are covered by `scope`. "= {}": consents built
  // positionally without it stay warning-free.
  std::string claims = {};
};

// A login/consent interaction in progress (OAuth 2.1 §4.1.1): the validated authorization request
// waits server-side under an opaque id while the browser shows the login and consent pages.
struct Interaction {
  std::string id_hash;  // SHA-256 of the opaque interaction id (256-bit random)
  std::string client_id;
  std::string params;     // the validated authorization request, JSON
  std::string csrf_hash;  // SHA-256 of the CSRF token its forms carry
  std::string user_id;    // empty until the user has authenticated
  std::optional<TimePoint> auth_time;
  TimePoint created_at{};
  TimePoint expires_at{};
};

struct AuditEvent {
  std::int64_t id = 0;  // assigned by the store
  TimePoint at{};
  std::string type;     // "user.created", "client.secret_rotated", ...
  std::string actor;    // who did it: user id, client id, "cli", "system"
  std::string subject;  // what it was done to
  std::string ip;
  std::string detail;  // JSON object, never secrets
};

std::string_view to_string(ClientType t) noexcept;
std::optional<ClientType> client_type_from_string(std::string_view s) noexcept;
std::string_view to_string(KeyState s) noexcept;
std::optional<KeyState> key_state_from_string(std::string_view s) noexcept;

}  // namespace authly::store
