#pragma once
// client_secret_basic / client_secret_post (RFC 6749 §2.3.1): the presented secret is hashed and
// compared with the stored SHA-256 in constant time (DESIGN.md §4).
#include <string_view>

#include "store/models.hpp"

namespace authly::oauth {

// True for clients issued a secret; such a client may present it by either method, as Keycloak
// and node-oidc-provider accept.
bool uses_client_secret(const store::Client& client) noexcept;

// False when the client has no secret, or the secret does not match.
bool client_secret_matches(const store::Client& client, std::string_view secret);

}  // namespace authly::oauth
