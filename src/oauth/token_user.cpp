#include "oauth/token_user.hpp"

#include <stdexcept>

#include "core/base64url.hpp"
#include "crypto/aead.hpp"
#include "crypto/hash.hpp"

namespace authly::oauth {
namespace {

// Its own label: the pairwise key computes subjects, this one seals; neither output reveals the other.
constexpr std::string_view kSealLabel = "authly access token user v1";

std::string seal_key(std::string_view pairwise_key) { return crypto::hmac_sha256(pairwise_key, kSealLabel); }

}  // namespace

std::string seal_token_user(std::string_view pairwise_key, std::string_view user_id, std::string_view client_id,
                            core::Random& rng) {
  if (pairwise_key.empty()) throw std::logic_error("no pairwise key: cannot seal the user of an access token");
  return core::base64url_encode(crypto::aead_seal(seal_key(pairwise_key), user_id, client_id, rng));
}

std::optional<std::string> open_token_user(std::string_view pairwise_key, std::string_view sealed,
                                           std::string_view client_id) {
  if (pairwise_key.empty()) return std::nullopt;
  const auto raw = core::base64url_decode(sealed);
  if (!raw) return std::nullopt;
  auto user = crypto::aead_open(seal_key(pairwise_key), *raw, client_id);
  if (!user || user->empty()) return std::nullopt;
  return user;
}

core::Result<std::optional<std::string>, OAuthError> token_user(const AccessTokenClaims& claims,
                                                                std::string_view pairwise_key) {
  if (!claims.sealed_user.empty()) {
    auto user = open_token_user(pairwise_key, claims.sealed_user, claims.client_id);
    if (!user)
      return core::fail(make_error(ErrorCode::invalid_token, "The access token is invalid, expired or revoked",
                                   "the token's user claim does not open"));
    return std::optional<std::string>(std::move(*user));
  }
  if (claims.subject.empty() || claims.subject == claims.client_id) return std::optional<std::string>();
  return std::optional<std::string>(claims.subject);
}

core::Result<std::optional<store::User>, OAuthError> token_end_user(store::Store& store,
                                                                    const AccessTokenClaims& claims,
                                                                    std::string_view pairwise_key) {
  auto user_id = token_user(claims, pairwise_key);
  if (!user_id) return core::fail(std::move(user_id.error()));
  if (!*user_id) return std::optional<store::User>();
  auto user = store.users().find_by_id(**user_id);
  if (!user || !user->is_active)
    return core::fail(make_error(ErrorCode::invalid_token, "The access token is invalid, expired or revoked",
                                 "user gone or disabled"));
  return std::optional<store::User>(std::move(*user));
}

}  // namespace authly::oauth
