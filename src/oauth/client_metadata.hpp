#pragma once
// RFC 7591 §2 client metadata as sent to the registration endpoint (and to RFC 7592 §2.2 updates),
// parsed into plain values. Only the JSON shape and the RFC 7591 consistency rules are checked
// here; registry rules (redirect URI schemes, known scopes, auth methods) are ClientService's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/outbound_url.hpp"

namespace authly::oauth {

struct ClientMetadata {
  std::optional<std::string> client_id;      // RFC 7592 §2.2: must equal the client being updated
  std::optional<std::string> client_secret;  // RFC 7592 §2.2: if sent, must match the current secret
  std::string client_name;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> grant_types;  // empty: the registry's default
  std::vector<std::string> response_types;
  std::string token_endpoint_auth_method;  // empty: client_secret_basic (RFC 7591 §2), or none for public
  std::string scope;
  std::string jwks_uri;
  std::string jwks;                                         // the registered JWK Set, serialised; empty when absent
  std::string backchannel_logout_uri;                       // Back-Channel Logout 1.0 §2.2
  std::optional<bool> backchannel_logout_session_required;  // accepted; Authly always sends sid
  std::string id_token_signed_response_alg;                 // OIDC Registration §2; empty: RS256
  std::string userinfo_signed_response_alg;                 // OIDC Registration §2; empty: plain JSON
  std::string subject_type;                                 // OIDC Registration §2; empty: public
  std::string sector_identifier_uri;                        // OIDC Registration §2, §5
  std::string client_type;  // "confidential" | "public"; empty: derived from the auth method
  std::optional<bool> require_consent;
};

// invalid_client_metadata for anything that is not a JSON object of correctly typed members, for
// response types other than "code" (OAuth 2.1 has no implicit flow), for response/grant types
// that contradict each other (RFC 7591 §2.1), for jwks together with jwks_uri (§2) and for a jwks
// with no usable public signing key. Members we do not know are ignored (§2); null means absent.
core::Result<ClientMetadata, OAuthError> parse_client_metadata(std::string_view json);

// OpenID Connect registry rules (ClientService applies them to every new or updated client; each
// returns nullopt when the value may be registered, otherwise a message that is safe to show).
//
// OIDC Registration §2 id_token_signed_response_alg: RS256, PS256, ES256 or EdDSA — the algorithms
// Authly signs with. "none" (Core §2 forbids unsigned ID tokens for the code flow, and DESIGN.md §7
// forbids alg none) and HS256 (Authly's keys are asymmetric) are refused.
std::optional<std::string> check_id_token_signed_response_alg(std::string_view alg);
// OIDC Registration §2 userinfo_signed_response_alg: empty (absent: UserInfo answers plain JSON,
// Core §5.3.2) or RS256, PS256, ES256, EdDSA. "none" (an unsigned JWT is no better than the JSON)
// and HS256 (Authly's keys are asymmetric) are refused.
std::optional<std::string> check_userinfo_signed_response_alg(std::string_view alg);
// OIDC Registration §2 sector_identifier_uri: an absolute https URL with a host, without a fragment
// or user-info. Authly does not fetch it (§5 verification of the listed redirect URIs is not done),
// which is why only administrators may set it (clients_endpoint).
std::optional<std::string> check_sector_identifier_uri(std::string_view uri);
// OIDC Core §8 / Registration §2 subject_type: "public" or "pairwise". A pairwise client needs a
// sector identifier: its sector_identifier_uri, or else the single host of all its redirect URIs
// (Core §8.1: several hosts, or none, require a sector_identifier_uri).
std::optional<std::string> check_subject_type(std::string_view subject_type, std::string_view sector_identifier_uri,
                                              const std::vector<std::string>& redirect_uris);
// Back-Channel Logout 1.0 §2.2 backchannel_logout_uri: an absolute https URL, with no fragment and
// no user-info (a query is allowed), that parse_outbound_url accepts for `who`: http only on a
// loopback host and internal addresses only for a client an administrator registered.
std::optional<std::string> check_backchannel_logout_uri(std::string_view uri, Registrar who);
// RFC 7591 §2 jwks_uri: the same outbound rules (Authly fetches it to verify private_key_jwt).
std::optional<std::string> check_jwks_uri(std::string_view uri, Registrar who);

// The client type the metadata asks for: client_type when given, otherwise "public" for
// token_endpoint_auth_method "none" and "confidential" for everything else.
std::string effective_client_type(const ClientMetadata& metadata);

}  // namespace authly::oauth
