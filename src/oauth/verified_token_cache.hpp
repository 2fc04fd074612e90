#pragma once
// Verified access-token claims kept in memory so that introspecting the same self-issued JWT again
// (RFC 7662: resource servers ask once per request they serve) costs a hash and a lookup instead of
// a signature verification. Keyed by the SHA-256 of the token, never the token itself. An entry
// lives until the token's exp and is then never returned; at most `capacity` entries, the least
// recently used evicted first. What may change during a token's life (the deny-list, the user's
// active state, who may introspect it) is not cached: callers check it on every use.
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "oauth/access_token.hpp"

namespace authly::oauth {

class VerifiedTokenCache {
 public:
  static constexpr std::size_t kDefaultCapacity = 100'000;

  explicit VerifiedTokenCache(std::size_t capacity = kDefaultCapacity);

  // The claims cached for `token` if it has not expired at `now` (an expired entry is dropped).
  std::optional<AccessTokenClaims> find(std::string_view token, core::TimePoint now);
  // Caches claims that verify_access_token_signature() returned for `token`.
  void insert(std::string_view token, const AccessTokenClaims& claims);
  std::size_t size() const;
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  struct Entry {
    std::string key;
    AccessTokenClaims claims;
  };
  using Order = std::list<Entry>;  // most recently used first

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Order order_;
  std::unordered_map<std::string_view, Order::iterator> index_;  // views into Entry::key
};

}  // namespace authly::oauth
