#pragma once
// Size caps on RFC 7591 §2 client metadata (docs/security.md, "Request limits"): what an anonymous
// registrant may make the server store, and later walk on every authorization request.
#include <cstddef>
#include <optional>

#include "oauth/client_metadata.hpp"
#include "oauth/error.hpp"

namespace authly::oauth {

// Entries of each list member: redirect_uris, post_logout_redirect_uris, grant_types, response_types.
inline constexpr std::size_t kMaxMetadataListItems = 100;
// Bytes of each list entry and of each URI member (jwks_uri, backchannel_logout_uri,
// sector_identifier_uri): the URL length browsers and proxies reliably carry.
inline constexpr std::size_t kMaxMetadataUriBytes = 2048;

// invalid_client_metadata with a fixed description naming the member when a cap is exceeded.
std::optional<OAuthError> check_metadata_limits(const ClientMetadata& metadata);

}  // namespace authly::oauth
