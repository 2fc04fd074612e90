#pragma once
// The staleness bound of the in-process caches. Every cached read asks the gate for the current
// version of its cache; the gate answers from memory while its last successful check is younger
// than max_staleness, and otherwise reads every version from the database in one query, one thread
// at a time. A failed check throws (fail closed): a cache older than the bound is never served as
// if it were fresh.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace authly::store::cached {

class VersionGate {
 public:
  VersionGate(Store& inner, const core::Clock& clock, std::chrono::milliseconds max_staleness);

  // The version of `cache` ("clients", "scopes", "signing_keys", "deny_list") as of at most
  // max_staleness ago. Throws StoreError when a due check cannot read the database.
  std::int64_t version(const std::string& cache);

  // Makes the next version() read the database: a write on this instance, a transaction whose
  // writes the cache did not see, or an invalidation message from another instance.
  void expire() noexcept;

  std::chrono::milliseconds max_staleness() const noexcept { return max_staleness_; }

 private:
  bool fresh_locked(core::TimePoint now) const;

  Store& inner_;
  const core::Clock& clock_;
  const std::chrono::milliseconds max_staleness_;

  std::mutex state_mutex_;  // guards the fields below; never held during the query
  std::map<std::string, std::int64_t> versions_;
  std::optional<core::TimePoint> checked_at_;  // last successful check
  std::uint64_t attempts_ = 0;                 // finished checks, successful or not
  bool last_failed_ = false;
  std::uint64_t expiries_ = 0;  // expire() calls

  std::mutex check_mutex_;  // one reader of cache_versions at a time
};

}  // namespace authly::store::cached
