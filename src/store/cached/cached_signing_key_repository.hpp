#pragma once
// Signing keys served from memory (a handful of rows, held whole, oldest first as list() promises).
#include "store/cached/snapshot_cache.hpp"
#include "store/signing_key_repository.hpp"

namespace authly::store::cached {

class CachedSigningKeyRepository final : public SigningKeyRepository {
 public:
  CachedSigningKeyRepository(SigningKeyRepository& inner, VersionGate& gate, const ChangeListener& changed)
      : inner_(inner), cache_("signing_keys", gate, changed) {}

  void create(const SigningKey& key) override {
    cache_.write([&] {
      inner_.create(key);
      return true;
    });
  }
  std::optional<SigningKey> find(const std::string& kid) override {
    for (auto& key : list())
      if (key.kid == kid) return std::move(key);
    return std::nullopt;
  }
  std::vector<SigningKey> list() override {
    return cache_.get([this] { return inner_.list(); });
  }
  // The compare-and-set itself always runs in the database: instances must not both promote a key.
  bool transition(const std::string& kid, KeyState from, KeyState to, TimePoint now,
                  std::optional<TimePoint> remove_after) override {
    return cache_.write([&] { return inner_.transition(kid, from, to, now, remove_after); });
  }
  bool remove(const std::string& kid) override {
    return cache_.write([&] { return inner_.remove(kid); });
  }

 private:
  SigningKeyRepository& inner_;
  SnapshotCache<SigningKey> cache_;
};

}  // namespace authly::store::cached
