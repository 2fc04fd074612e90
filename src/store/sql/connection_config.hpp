#pragma once
// Database URLs -> SOCI connect strings. Internal to store/sql.
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace authly::store::sql {

enum class Backend { sqlite, postgresql };

std::string_view backend_name(Backend backend) noexcept;

struct ConnectionConfig {
  Backend backend = Backend::sqlite;
  // SQLite: "db=file:<uri>" (URI filename, so paths need no quoting); PostgreSQL: a libpq
  // conninfo string. Both may hold the password: never put this in a message.
  std::string connect_string;
  std::string display;               // the URL with its password replaced by "***"
  std::vector<std::string> secrets;  // strings scrubbed from every driver message
  std::string sqlite_path;           // the database file; empty for an in-memory database
  bool sqlite_memory = false;
  int connect_timeout_ms = 5'000;
  bool sqlite_synchronous_full = false;  // StoreOptions::sqlite_synchronous_full
};

// Accepts sqlite:///abs/path.db, sqlite://relative/path.db, sqlite::memory:,
// postgresql://user:pass@host:port/db?param=value (and postgres://). Throws StoreError.
//
// sqlite::memory: is a process-private database shared by every connection of the pool: SQLite's
// "memdb" VFS under a unique name (file:/authly_mem_N?vfs=memdb). Unlike a shared-cache
// ":memory:", it locks like a file, so busy_timeout applies and concurrent writers wait instead
// of failing with SQLITE_LOCKED. It lives as long as one connection of the pool is open.
//
// PostgreSQL: URL parameters pass through to libpq; connect_timeout (from the options),
// application_name, keepalives and tcp_user_timeout are added unless the URL sets them, so that a
// vanished server fails calls instead of hanging them.
ConnectionConfig parse_database_url(const StoreOptions& options);

// text with every secret replaced by "***".
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace authly::store::sql
