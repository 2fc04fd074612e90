#include "oauth/verified_token_cache.hpp"

#include "crypto/hash.hpp"

namespace authly::oauth {

VerifiedTokenCache::VerifiedTokenCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<AccessTokenClaims> VerifiedTokenCache::find(std::string_view token, core::TimePoint now) {
  const auto key = crypto::sha256(token);
  std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  // RFC 7662 §2.2: a token past its exp is not active, whatever was verified before.
  if (now >= it->second->claims.expires_at) {
    const auto entry = it->second;
    index_.erase(it);
    order_.erase(entry);
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->claims;
}

void VerifiedTokenCache::insert(std::string_view token, const AccessTokenClaims& claims) {
  auto key = crypto::sha256(token);
  std::lock_guard lock(mutex_);
  if (const auto it = index_.find(key); it != index_.end()) {
    it->second->claims = claims;
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  while (order_.size() >= capacity_) {
    index_.erase(order_.back().key);
    order_.pop_back();
  }
  order_.push_front(Entry{std::move(key), claims});
  index_.emplace(order_.front().key, order_.begin());
}

std::size_t VerifiedTokenCache::size() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

}  // namespace authly::oauth
