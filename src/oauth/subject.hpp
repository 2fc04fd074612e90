#pragma once
// OIDC Core §8: the `sub` a client sees, in ID tokens, UserInfo, and in Authly's access tokens and
// introspection answers alike. public: the user's id, the same for every client. pairwise:
// base64url(HMAC-SHA256(pairwise_key, sector_identifier || 0x00 || user_id)) — stable per (sector,
// user), unlinkable across sectors, not reversible without the key. Here rather than in oidc/
// because the OAuth grants mint access tokens for it (oidc depends on oauth, not the reverse).
#include <string>
#include <string_view>

#include "store/models.hpp"

namespace authly::oauth {

// §8.1: the host of sector_identifier_uri when registered, otherwise the host of the client's
// first redirect URI (registration ensures all of them share that host).
std::string sector_identifier(const store::Client& client);

std::string subject_for(const store::Client& client, const std::string& user_id, std::string_view pairwise_key);

// The 32-byte pairwise key derived from the master key (HMAC-SHA256 with a fixed label), so every
// instance sharing the master key computes the same subjects.
std::string derive_pairwise_key(std::string_view master_key);

}  // namespace authly::oauth
