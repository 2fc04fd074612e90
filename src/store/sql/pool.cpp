#include "store/sql/pool.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "core/blocking.hpp"
#include "store/errors.hpp"
#include "store/sql/query.hpp"
#include "store/sql/sql_errors.hpp"

namespace authly::store::sql {

Lease::~Lease() {
  if (pool_ == nullptr) return;
  pool_->pool_.give_back(pos_);
  pool_->in_use_.fetch_sub(1, std::memory_order_relaxed);
}

soci::session& Lease::session() { return pool_->pool_.at(pos_); }

void Lease::mark_broken() noexcept { pool_->note_lost(pos_); }

Connection Lease::connection() {
  return Connection{session(), *pool_->statements_[pos_], holds_writer_ ? nullptr : pool_->sqlite_writer()};
}

void Lease::run(const std::function<void(Connection&)>& fn) {
  Connection c = connection();
  soci::session& s = c.session;
  try {
    fn(c);
  } catch (...) {
    if (!connection_lost(pool_->config_, s)) rethrow_as_store_error(pool_->config_, s);
    mark_broken();
    try {
      rethrow_as_store_error(pool_->config_, s);
    } catch (const StoreError& e) {
      throw StoreUnavailable(e.what());  // nothing committed: the request may be sent again
    }
  }
}

void Lease::execute(const char* sql) {
  run([sql](Connection& c) {
    Query q(c, sql);
    q.run();
  });
}

Pool::Pool(ConnectionConfig config, int size)
    : config_(std::move(config)),
      pool_(static_cast<std::size_t>(size > 0 ? size : 1)),
      slots_(static_cast<std::size_t>(size > 0 ? size : 1)) {
  for (std::size_t pos = 0; pos < slots_.size(); ++pos)
    statements_.push_back(std::make_unique<StatementCache>(config_.backend));
  if (!config_.sqlite_path.empty()) {
    std::error_code ec;
    auto parent = std::filesystem::path(config_.sqlite_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) throw StoreError("cannot create the directory of " + config_.display + ": " + ec.message());
  }
  // One connection now, so that a wrong URL or an unreachable server fails at startup; the others
  // open on first use (marked broken = "open before handing out"), which keeps startup and
  // short-lived CLI commands from paying for connections they never use.
  open(0);
  for (std::size_t pos = 1; pos < slots_.size(); ++pos) slots_[pos].broken = true;
  if (config_.backend == Backend::sqlite && !config_.sqlite_memory)
    checkpointer_ = std::make_unique<WalCheckpointer>(config_.sqlite_path);
}

Pool::~Pool() = default;

void Pool::open(std::size_t pos) {
  soci::session& s = pool_.at(pos);
  try {
    statements_[pos]->clear();  // prepared on the connection being replaced
    if (s.get_backend() != nullptr) s.close();
    if (config_.backend == Backend::sqlite) {
      s.open(soci::sqlite3, config_.connect_string);
      // Per connection: SQLite forgets these on close. busy_timeout first, so that the other
      // pragmas wait for a writer instead of failing.
      s << "PRAGMA busy_timeout = 5000";
      s << "PRAGMA foreign_keys = ON";
      // WAL: readers never block the writer. Not for memdb, which keeps its journal in memory.
      if (!config_.sqlite_memory) {
        s << "PRAGMA journal_mode = WAL";
        s << "PRAGMA wal_autocheckpoint = 0";
        // In WAL mode NORMAL keeps the database consistent and syncs the WAL at checkpoints
        // instead of at every commit (https://sqlite.org/pragma.html#pragma_synchronous).
        s << (config_.sqlite_synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
      }
    } else {
      s.open(soci::postgresql, config_.connect_string);
      // libpq prints NOTICEs (e.g. "relation already exists, skipping") to stderr by default.
      if (auto* conn = static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_) {
        PQsetNoticeProcessor(
            conn, [](void*, const char*) {}, nullptr);
      }
    }
  } catch (const std::exception& e) {
    slots_[pos].broken = true;
    std::string detail = e.what();
    if (auto* se = dynamic_cast<const soci::soci_error*>(&e)) detail = se->get_error_message();
    throw StoreUnavailable("cannot open " + config_.display + ": " + redact(detail, config_.secrets));
  }
  slots_[pos].broken = false;
  slots_[pos].checked_generation = generation_.load();
}

void Pool::prepare(std::size_t pos) {
  Slot& slot = slots_[pos];
  std::uint64_t generation = generation_.load();
  if (!slot.broken && slot.checked_generation != generation && config_.backend == Backend::postgresql) {
    if (!postgresql_alive(pool_.at(pos), config_.connect_timeout_ms)) slot.broken = true;
  }
  slot.checked_generation = generation;
  if (slot.broken) open(pos);
}

void Pool::note_lost(std::size_t pos) noexcept {
  slots_[pos].broken = true;
  ++generation_;
}

PoolStats Pool::stats() const noexcept {
  return PoolStats{slots_.size(), in_use_.load(std::memory_order_relaxed), waiting_.load(std::memory_order_relaxed),
                   timeouts_.load(std::memory_order_relaxed)};
}

Lease Pool::lease() {
  auto lease = try_lease(kLeaseWaitMs);
  if (!lease) {
    throw StoreUnavailable("no free " + std::string(backend_name(config_.backend)) + " connection after " +
                           std::to_string(kLeaseWaitMs / 1000) + " s (pool exhausted or a transaction deadlocked)");
  }
  return std::move(*lease);
}

std::optional<Lease> Pool::try_lease(int wait_ms) {
  core::expect_blocking("sql");
  std::size_t pos = 0;
  waiting_.fetch_add(1, std::memory_order_relaxed);
  const bool leased = pool_.try_lease(pos, wait_ms);
  waiting_.fetch_sub(1, std::memory_order_relaxed);
  if (!leased) {
    timeouts_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  in_use_.fetch_add(1, std::memory_order_relaxed);
  Lease lease(*this, pos);  // gives the session back if prepare() throws
  prepare(pos);
  return std::optional<Lease>(std::move(lease));
}

}  // namespace authly::store::sql
