#include "store/cached/cached_store.hpp"

namespace authly::store::cached {

CachedStore::CachedStore(std::unique_ptr<Store> inner, const core::Clock& clock, CacheOptions options)
    : inner_(std::move(inner)),
      gate_(*inner_, clock, options.max_staleness),
      clients_(inner_->clients(), gate_, changed_),
      scopes_(inner_->scopes(), gate_, changed_),
      tokens_(inner_->tokens(), gate_, clock, changed_),
      keys_(inner_->keys(), gate_, changed_) {}

void CachedStore::transaction(const std::function<void(Store&)>& fn) {
  try {
    inner_->transaction(fn);
  } catch (...) {
    gate_.expire();
    throw;
  }
  gate_.expire();
}

std::vector<MigrationInfo> CachedStore::migrate() {
  auto applied = inner_->migrate();
  gate_.expire();  // a migration may add rows (standard scopes) without a version the cache saw
  return applied;
}

}  // namespace authly::store::cached
