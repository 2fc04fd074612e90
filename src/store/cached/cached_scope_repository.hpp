#pragma once
// The scope registry served from memory (a small table, held whole).
#include "store/cached/snapshot_cache.hpp"
#include "store/scope_repository.hpp"

namespace authly::store::cached {

class CachedScopeRepository final : public ScopeRepository {
 public:
  CachedScopeRepository(ScopeRepository& inner, VersionGate& gate, const ChangeListener& changed)
      : inner_(inner), cache_("scopes", gate, changed) {}

  void create(const Scope& scope) override {
    cache_.write([&] {
      inner_.create(scope);
      return true;
    });
  }
  std::optional<Scope> find(const std::string& name) override {
    for (auto& scope : list())
      if (scope.name == name) return std::move(scope);
    return std::nullopt;
  }
  std::vector<Scope> list() override {
    return cache_.get([this] { return inner_.list(); });
  }
  bool remove(const std::string& name) override {
    return cache_.write([&] { return inner_.remove(name); });
  }

 private:
  ScopeRepository& inner_;
  SnapshotCache<Scope> cache_;
};

}  // namespace authly::store::cached
