#include "oauth/introspection_access.hpp"

#include <algorithm>

namespace authly::oauth {

bool may_introspect_access_token(std::string_view caller_client_id, std::string_view token_client_id,
                                 const std::vector<std::string>& audience, std::string_view issuer) {
  if (caller_client_id.empty()) return false;
  if (caller_client_id == token_client_id) return true;
  // A client registered under the issuer's own URL must not pass for the audience "Authly".
  if (caller_client_id == issuer) return false;
  return std::find(audience.begin(), audience.end(), caller_client_id) != audience.end();
}

}  // namespace authly::oauth
