#pragma once
// The storage facade: every repository plus transactions, migrations and a readiness probe.
// Implementations: store/sql (SOCI over SQLite and PostgreSQL).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/audit_repository.hpp"
#include "store/authorization_code_repository.hpp"
#include "store/client_repository.hpp"
#include "store/consent_repository.hpp"
#include "store/errors.hpp"
#include "store/interaction_repository.hpp"
#include "store/scope_repository.hpp"
#include "store/session_repository.hpp"
#include "store/signing_key_repository.hpp"
#include "store/token_repository.hpp"
#include "store/user_repository.hpp"

namespace authly::store {

struct MigrationInfo {
  int version = 0;
  std::string name;
  bool applied = false;
  std::optional<TimePoint> applied_at;
};

// A named counter that the database bumps with every write to what it names (migration 010):
// "clients", "scopes", "signing_keys", "deny_list".
struct CacheVersion {
  std::string name;
  std::int64_t version = 0;
};

// The connection pool at one moment, for /metrics.
struct PoolStats {
  std::uint64_t size = 0;      // connections the pool may hold
  std::uint64_t in_use = 0;    // leased now (a statement or a transaction runs on each)
  std::uint64_t waiting = 0;   // callers waiting for a free connection now
  std::uint64_t timeouts = 0;  // since start: callers that found no free connection in time
};

class Store {
 public:
  virtual ~Store() = default;

  virtual UserRepository& users() = 0;
  virtual ClientRepository& clients() = 0;
  virtual ScopeRepository& scopes() = 0;
  virtual AuthorizationCodeRepository& codes() = 0;
  virtual TokenRepository& tokens() = 0;
  virtual SigningKeyRepository& keys() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ConsentRepository& consents() = 0;
  virtual InteractionRepository& interactions() = 0;
  virtual AuditRepository& audit() = 0;

  // Runs fn with a Store bound to one connection inside BEGIN/COMMIT; rolls back and rethrows if
  // fn throws. Nested calls on the transactional Store run inline in the same transaction.
  virtual void transaction(const std::function<void(Store&)>& fn) = 0;

  // Migrations embedded in the binary.
  virtual std::vector<MigrationInfo> migration_status() = 0;
  virtual std::vector<MigrationInfo> migrate() = 0;  // applies pending ones, returns what it applied

  // Every cache version, in one cheap query. Throws StoreError when the database is unreachable.
  virtual std::vector<CacheVersion> cache_versions() = 0;

  virtual bool ping() noexcept = 0;  // true when the database answers a trivial query
  virtual PoolStats pool_stats() const noexcept = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
};

struct StoreOptions {
  std::string url;  // sqlite:///abs/path.db | sqlite://relative.db | sqlite::memory: | postgresql://...
  int pool_size = 8;
  int connect_timeout_ms = 5'000;
  // SQLite file databases run in WAL mode; false: synchronous=NORMAL (fsync at checkpoints only: a
  // commit may roll back after power loss or an OS crash, never after a process crash), true:
  // synchronous=FULL (fsync at every commit).
  bool sqlite_synchronous_full = false;
};

// Opens (does not migrate) the store; throws StoreError with the URL's password removed.
std::unique_ptr<Store> open_store(const StoreOptions& options);

// The database file of an SQLite URL (sqlite:///abs/path.db, sqlite://rel/path.db); "" for
// sqlite::memory: and for PostgreSQL. Throws StoreError for a malformed SQLite URL.
std::string sqlite_file_path(const std::string& url);

}  // namespace authly::store
