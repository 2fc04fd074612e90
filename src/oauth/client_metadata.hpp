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
  std::string jwks;  // the registered JWK Set, serialised; empty when absent
  std::string backchannel_logout_uri;
  std::string client_type;  // "confidential" | "public"; empty: derived from the auth method
  std::optional<bool> require_consent;
};

// invalid_client_metadata for anything that is not a JSON object of correctly typed members, for
// response types other than "code" (OAuth 2.1 has no implicit flow), for response/grant types
// that contradict each other (RFC 7591 §2.1), for jwks together with jwks_uri (§2) and for a jwks
// with no usable public signing key. Members we do not know are ignored (§2); null means absent.
core::Result<ClientMetadata, OAuthError> parse_client_metadata(std::string_view json);

// The client type the metadata asks for: client_type when given, otherwise "public" for
// token_endpoint_auth_method "none" and "confidential" for everything else.
std::string effective_client_type(const ClientMetadata& metadata);

}  // namespace authly::oauth
