#include "store/sql/sql_store.hpp"

#include "store/sql/migrator.hpp"
#include "store/sql/query.hpp"
#include "store/sql/sql_errors.hpp"

namespace authly::store::sql {

SqlStore::SqlStore(std::unique_ptr<Pool> pool)
    : owned_pool_(std::move(pool)),
      pool_(*owned_pool_),
      source_(std::make_unique<PooledSource>(pool_)),
      users_(*source_),
      clients_(*source_),
      scopes_(*source_),
      codes_(*source_),
      tokens_(*source_),
      keys_(*source_),
      sessions_(*source_),
      consents_(*source_),
      interactions_(*source_),
      audit_(*source_) {}

SqlStore::SqlStore(Pool& pool, Lease& lease)
    : pool_(pool),
      lease_(&lease),
      source_(std::make_unique<LeasedSource>(lease, pool.backend())),
      users_(*source_),
      clients_(*source_),
      scopes_(*source_),
      codes_(*source_),
      tokens_(*source_),
      keys_(*source_),
      sessions_(*source_),
      consents_(*source_),
      interactions_(*source_),
      audit_(*source_) {}

SqlStore::~SqlStore() = default;

namespace {

void rollback_quietly(Lease& lease) noexcept {
  try {
    lease.session().rollback();
  } catch (...) {
    // Unknown transaction state: reopen the connection rather than hand it out mid-transaction.
    lease.mark_broken();
  }
}

}  // namespace

void SqlStore::transaction(const std::function<void(Store&)>& fn) {
  if (lease_ != nullptr) {
    fn(*this);
    return;
  }
  Lease lease = pool_.lease();
  // After the lease, as every writer does (lease, then writer), so that no two wait on each other.
  std::unique_lock<std::timed_mutex> writer;
  if (auto* w = pool_.sqlite_writer()) {
    writer = w->acquire();
    lease.set_holds_writer(true);
  }
  lease.execute(pool_.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  SqlStore inner(pool_, lease);
  try {
    fn(inner);
  } catch (...) {
    rollback_quietly(lease);
    throw;
  }
  try {
    lease.execute("COMMIT");
  } catch (...) {
    // SQLite keeps the transaction open when COMMIT fails (busy); PostgreSQL has ended it.
    rollback_quietly(lease);
    throw;
  }
}

std::vector<MigrationInfo> SqlStore::migration_status() { return sql::migration_status(*source_); }

std::vector<MigrationInfo> SqlStore::migrate() {
  if (lease_ != nullptr) throw StoreError("migrate() cannot run inside a transaction");
  return apply_migrations(*source_);
}

std::vector<CacheVersion> SqlStore::cache_versions() {
  return source_->with([](Connection& s) {
    std::vector<CacheVersion> versions;
    std::string name;
    long long version = 0;
    Query q(s, "SELECT name, version FROM cache_versions");
    q.into(name).into(version);
    if (q.run()) {
      do versions.push_back(CacheVersion{name, version});
      while (q.next());
    }
    return versions;
  });
}

bool SqlStore::ping() noexcept {
  try {
    auto alive = [this](Lease& lease) {
      if (pool_.backend() == Backend::postgresql) {
        if (postgresql_alive(lease.session(), pool_.config().connect_timeout_ms)) return true;
        lease.mark_broken();
        return false;
      }
      lease.execute("SELECT 1");
      return true;
    };
    if (lease_ != nullptr) return alive(*lease_);
    auto lease = pool_.try_lease(pool_.config().connect_timeout_ms);
    return lease && alive(*lease);
  } catch (...) {
    return false;
  }
}

}  // namespace authly::store::sql

namespace authly::store {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  auto config = sql::parse_database_url(options);
  auto pool = std::make_unique<sql::Pool>(std::move(config), options.pool_size);
  return std::make_unique<sql::SqlStore>(std::move(pool));
}

}  // namespace authly::store
