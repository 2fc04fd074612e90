#include "oauth/client_auth/client_secret.hpp"

#include "core/constant_time.hpp"
#include "crypto/hash.hpp"

namespace authly::oauth {

bool uses_client_secret(const store::Client& client) noexcept {
  return client.token_endpoint_auth_method == "client_secret_basic" ||
         client.token_endpoint_auth_method == "client_secret_post";
}

bool client_secret_matches(const store::Client& client, std::string_view secret) {
  if (client.secret_hash.empty() || secret.empty()) return false;
  // Both sides are 64 hex characters, so only the content, never the length, could leak.
  return core::constant_time_equals(crypto::sha256_hex(secret), client.secret_hash);
}

}  // namespace authly::oauth
