#pragma once
// Clients (with their secret hashes) served from memory. A write through this repository drops the
// entry before it returns; a write elsewhere is noticed through the "clients" version within the
// gate's bound. Unknown client ids are not remembered, so guessing ids cannot grow the cache.
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "store/cached/change_listener.hpp"
#include "store/cached/version_gate.hpp"
#include "store/client_repository.hpp"

namespace authly::store::cached {

class CachedClientRepository final : public ClientRepository {
 public:
  static constexpr std::size_t kMaxEntries = 10'000;

  CachedClientRepository(ClientRepository& inner, VersionGate& gate, const ChangeListener& changed)
      : inner_(inner), gate_(gate), changed_(changed) {}

  void create(const Client& client) override;
  std::optional<Client> find(const std::string& client_id) override;
  std::vector<Client> list(int limit, int offset) override { return inner_.list(limit, offset); }
  bool update(const Client& client) override;
  bool set_secret_hash(const std::string& client_id, const std::string& secret_hash, TimePoint now) override;
  bool remove(const std::string& client_id) override;

 private:
  void forget(const std::string& client_id);
  template <class Write>
  auto write(const std::string& client_id, Write&& write);

  ClientRepository& inner_;
  VersionGate& gate_;
  const ChangeListener& changed_;

  std::mutex mutex_;
  std::unordered_map<std::string, Client> entries_;
  std::int64_t version_ = -1;  // the "clients" version entries_ reflects
  std::uint64_t epoch_ = 0;    // bumped by every drop: a load that raced with one is not kept
};

}  // namespace authly::store::cached
