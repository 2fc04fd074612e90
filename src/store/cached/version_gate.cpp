#include "store/cached/version_gate.hpp"

#include "core/blocking.hpp"
#include "store/errors.hpp"

namespace authly::store::cached {

VersionGate::VersionGate(Store& inner, const core::Clock& clock, std::chrono::milliseconds max_staleness)
    : inner_(inner), clock_(clock), max_staleness_(max_staleness) {}

bool VersionGate::fresh_locked(core::TimePoint now) const {
  // A clock that went backwards proves nothing about age: check again.
  return checked_at_ && now >= *checked_at_ && now - *checked_at_ < max_staleness_;
}

std::int64_t VersionGate::version(const std::string& cache) {
  std::uint64_t attempts_seen = 0;
  std::uint64_t expiries_seen = 0;
  {
    std::lock_guard lock(state_mutex_);
    if (fresh_locked(clock_.now())) return versions_[cache];
    attempts_seen = attempts_;
  }
  core::expect_blocking("cache version check");  // before any state changes: a rerun starts clean
  std::lock_guard check(check_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    // Another thread checked while this one waited: share its answer rather than query again, and
    // share its failure too, so that a dead database costs one timeout, not one per waiting thread.
    if (attempts_ != attempts_seen) {
      if (last_failed_) throw StoreError("cache version check failed: database unavailable");
      if (fresh_locked(clock_.now())) return versions_[cache];
    }
    expiries_seen = expiries_;
  }
  const auto started = clock_.now();
  std::vector<CacheVersion> read;
  try {
    read = inner_.cache_versions();
  } catch (...) {
    std::lock_guard lock(state_mutex_);
    ++attempts_;
    last_failed_ = true;
    checked_at_.reset();
    throw;
  }
  std::lock_guard lock(state_mutex_);
  ++attempts_;
  last_failed_ = false;
  for (auto& v : read) versions_[v.name] = v.version;
  // The bound counts from when the query started: what it read is at least that fresh. An expire()
  // during the query may stand for a write the query did not see: the next read checks again.
  if (expiries_ == expiries_seen) checked_at_ = started;
  return versions_[cache];
}

void VersionGate::expire() noexcept {
  std::lock_guard lock(state_mutex_);
  ++expiries_;
  checked_at_.reset();
}

}  // namespace authly::store::cached
