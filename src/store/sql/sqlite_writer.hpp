#pragma once
// One SQLite writer at a time within the process, queued on a mutex. Internal to store/sql.
//
// SQLite lets one connection write at a time. A connection that finds the write lock taken waits
// in its busy handler, which sleeps 1, 2, 5, 10 ... ms between attempts however soon the lock is
// free again: under concurrent writes (the code flow writes in each authorize and token request)
// a profile showed 1,600 such sleeps of 6 ms on average in 4 s, and the server idle half of the
// time. Writers of this process therefore take this mutex first (a transaction from BEGIN
// IMMEDIATE to its end, a write statement outside a transaction for as long as it runs) and are
// woken the moment the writer before them is done; the busy handler is left for writers in other
// processes (the CLI, a second instance on the same file).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace authly::store::sql {

class SqliteWriter {
 public:
  // Waits as long as the connections' busy_timeout would have; StoreError after that (a write
  // made while this thread's own transaction holds the lock would otherwise wait forever).
  std::unique_lock<std::timed_mutex> acquire();

  // How many acquisitions found another writer in the way (and queued behind it).
  std::uint64_t contended() const noexcept { return contended_.load(std::memory_order_relaxed); }

  static constexpr std::chrono::milliseconds kWait{5'000};  // PRAGMA busy_timeout in pool.cpp

 private:
  std::timed_mutex mutex_;
  std::atomic<std::uint64_t> contended_{0};
};

}  // namespace authly::store::sql
