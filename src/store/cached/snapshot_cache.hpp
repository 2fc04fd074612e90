#pragma once
// A whole small table (scopes, signing keys) held in memory as one snapshot, reloaded when its
// version moves or a local write drops it. Thread-safe; the load runs outside the lock.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/cached/change_listener.hpp"
#include "store/cached/version_gate.hpp"

namespace authly::store::cached {

template <class Row>
class SnapshotCache {
 public:
  SnapshotCache(std::string name, VersionGate& gate, const ChangeListener& changed)
      : name_(std::move(name)), gate_(gate), changed_(changed) {}

  // The rows as of at most the gate's bound ago; `load` reads them from the database.
  template <class Load>
  std::vector<Row> get(Load&& load) {
    const auto version = gate_.version(name_);  // throws when the bound cannot be kept
    std::uint64_t epoch = 0;
    {
      std::lock_guard lock(mutex_);
      if (rows_ && version == version_) return *rows_;
      epoch = epoch_;
    }
    auto rows = load();
    std::lock_guard lock(mutex_);
    if (epoch == epoch_) {  // no local write dropped the snapshot while it loaded
      rows_ = rows;
      version_ = version;
    }
    return rows;
  }

  // Runs a write and drops the snapshot, even when the write throws (a failed COMMIT may have landed).
  template <class Write>
  auto write(Write&& write) {
    try {
      auto result = write();
      drop();
      return result;
    } catch (...) {
      drop();
      throw;
    }
  }

 private:
  void drop() {
    {
      std::lock_guard lock(mutex_);
      rows_.reset();
      ++epoch_;
    }
    gate_.expire();
    if (changed_) changed_(name_);
  }

  const std::string name_;
  VersionGate& gate_;
  const ChangeListener& changed_;
  std::mutex mutex_;
  std::optional<std::vector<Row>> rows_;
  std::int64_t version_ = -1;
  std::uint64_t epoch_ = 0;
};

}  // namespace authly::store::cached
