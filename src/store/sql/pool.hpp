#pragma once
// The connection pool, and the lease through which every statement runs. Internal to store/sql.
#include <soci/soci.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "store/sql/connection_config.hpp"
#include "store/sql/statement_cache.hpp"
#include "store/sql/wal_checkpointer.hpp"
#include "store/store.hpp"

namespace authly::store::sql {

class Pool;

// One pooled session, held for an operation or a whole transaction and given back on
// destruction. Failures inside run() leave as StoreError/Conflict; if the connection was lost on
// the way, the session is marked so that the next lease reopens it (the pool heals itself once
// the database is back).
class Lease {
 public:
  Lease(Pool& pool, std::size_t pos) noexcept : pool_(&pool), pos_(pos) {}
  Lease(Lease&& other) noexcept : pool_(other.pool_), pos_(other.pos_), holds_writer_(other.holds_writer_) {
    other.pool_ = nullptr;
  }
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();

  soci::session& session();
  // The session with its prepared statements.
  Connection connection();
  void run(const std::function<void(Connection&)>& fn);
  // Runs one statement without data, e.g. BEGIN; same error handling as run().
  void execute(const char* sql);
  void mark_broken() noexcept;
  // A transaction on SQLite holds the process's SqliteWriter from BEGIN to its end; the
  // statements it runs must not take it again.
  void set_holds_writer(bool holds) noexcept { holds_writer_ = holds; }

 private:
  Pool* pool_;
  std::size_t pos_;
  bool holds_writer_ = false;
};

class Pool {
 public:
  // Opens the first connection now, so that a wrong URL or an unreachable server fails here
  // (within connect_timeout) with StoreError; the others open on first use.
  Pool(ConnectionConfig config, int size);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Waits for a free session (StoreError after kLeaseWait: a deadlock or a stuck database must
  // not hang callers forever) and reopens it first if it was lost.
  Lease lease();
  // As lease(), waiting at most wait_ms for a free session; nullopt if none came free.
  std::optional<Lease> try_lease(int wait_ms);

  const ConnectionConfig& config() const noexcept { return config_; }
  // Size, leases held and callers waiting now (read without a lock: each number is exact, the
  // four together are a moment's approximation).
  PoolStats stats() const noexcept;
  Backend backend() const noexcept { return config_.backend; }
  // SQLite: the process's one writer (sqlite_writer.hpp); nullptr on PostgreSQL.
  SqliteWriter* sqlite_writer() noexcept { return config_.backend == Backend::sqlite ? &writer_ : nullptr; }

  static constexpr int kLeaseWaitMs = 30'000;

 private:
  friend class Lease;
  struct Slot {
    bool broken = false;
    std::uint64_t checked_generation = 0;
  };

  void open(std::size_t pos);     // opens (or reopens) the session at pos; throws StoreError
  void prepare(std::size_t pos);  // reopens a lost session before it is handed out
  void note_lost(std::size_t pos) noexcept;

  ConnectionConfig config_;
  soci::connection_pool pool_;
  // A slot's flags are touched only by the holder of its lease (connection_pool's mutex orders
  // successive holders).
  std::vector<Slot> slots_;
  SqliteWriter writer_;
  // One per slot, used only by the holder of its lease; declared after pool_ so that the
  // statements are finalized before their sessions close.
  std::vector<std::unique_ptr<StatementCache>> statements_;
  // Bumped whenever a connection is found lost: the others were probably lost with it (server
  // restart), so each is checked once before its next use instead of failing one request each.
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> in_use_{0};
  std::atomic<std::uint64_t> waiting_{0};
  std::atomic<std::uint64_t> timeouts_{0};
  // SQLite files only: checkpoints on a thread of their own (see wal_checkpointer.hpp).
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace authly::store::sql
