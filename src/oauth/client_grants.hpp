#pragma once
// Whether a client may use a grant type: the grant_types it registered (RFC 7591 §2), checked by
// every grant and by the authorization endpoint for the code flow.
#include <algorithm>
#include <string_view>

#include "store/models.hpp"

namespace authly::oauth {

inline bool client_allows(const store::Client& client, std::string_view grant_type) {
  return std::find(client.grant_types.begin(), client.grant_types.end(), grant_type) != client.grant_types.end();
}

}  // namespace authly::oauth
