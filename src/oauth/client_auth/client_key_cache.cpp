#include "oauth/client_auth/client_key_cache.hpp"

namespace authly::oauth {
namespace {

std::shared_ptr<const jose::JwkSet> parse_keys(const std::string& json) {
  auto set = jose::JwkSet::parse(json);
  if (!set || set->empty()) return nullptr;
  return std::make_shared<const jose::JwkSet>(std::move(*set));
}

}  // namespace

ClientKeyCache::ClientKeyCache(JwksFetch fetch, std::chrono::seconds ttl, std::chrono::seconds min_refetch)
    : fetch_(std::move(fetch)), ttl_(ttl), min_refetch_(min_refetch) {}

std::shared_ptr<const jose::JwkSet> ClientKeyCache::keys_for(const store::Client& client, core::TimePoint now,
                                                             bool refresh) {
  // A registered document wins over a URI (and is parsed per call: it is small and changes with
  // the client row, so caching it would need invalidation).
  if (!client.jwks.empty()) return parse_keys(client.jwks);
  if (client.jwks_uri.rfind("https://", 0) != 0) return nullptr;

  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(client.id);
    if (it != entries_.end() && it->second.uri == client.jwks_uri) {
      const auto age = now - it->second.fetched_at;
      const bool fresh = age < ttl_ && !(refresh && age >= min_refetch_);
      if (fresh) return it->second.keys;
    }
  }
  // Fetched without the lock: a slow client server must not stall other clients' requests.
  auto body = fetch_ ? fetch_(client.jwks_uri) : std::nullopt;
  auto keys = body ? parse_keys(*body) : nullptr;
  std::lock_guard lock(mutex_);
  if (!keys) {
    // Keep serving the last good document until its ttl ends; a failed fetch is not cached.
    auto it = entries_.find(client.id);
    if (it != entries_.end() && it->second.uri == client.jwks_uri && now - it->second.fetched_at < ttl_)
      return it->second.keys;
    return nullptr;
  }
  entries_[client.id] = Entry{client.jwks_uri, keys, now};
  return keys;
}

}  // namespace authly::oauth
