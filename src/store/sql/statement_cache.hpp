#pragma once
// Prepared statements kept per pooled connection. Internal to store/sql.
//
// Parsing and planning a statement costs more than running most of Authly's statements (a
// profile of the code flow on SQLite put 15% of the server's CPU in sqlite3_prepare), so each
// connection keeps its statements prepared, keyed by their SQL text: on SQLite a sqlite3_stmt,
// on PostgreSQL a named server-side prepared statement (PQprepare once, PQexecPrepared after).
//
// A statement is borrowed for one Query and given back when the Query ends: its bindings are
// dropped (they point at the caller's variables) and, on SQLite, it is reset, since a statement
// left mid-result keeps its read transaction open (a stale snapshot for the connection's later
// reads, and a WAL that cannot be checkpointed). A statement already borrowed (the same SQL
// nested in its own loop) or past kMaxStatements runs unprepared instead.
#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "store/sql/connection_config.hpp"
#include "store/sql/sqlite_writer.hpp"

namespace authly::store::sql {

// One statement prepared on one connection.
struct CachedStatement {
  std::unique_ptr<soci::statement> statement;
  bool borrowed = false;
};

// A statement borrowed from the cache (or a one-time one it owns), given back on destruction.
class BorrowedStatement {
 public:
  BorrowedStatement(const std::string& sql, CachedStatement& cached, Backend backend) noexcept;
  explicit BorrowedStatement(std::unique_ptr<soci::statement> one_time) noexcept;
  BorrowedStatement(BorrowedStatement&& other) noexcept;
  BorrowedStatement& operator=(BorrowedStatement&&) = delete;
  ~BorrowedStatement();

  soci::statement& operator*() const noexcept { return *statement_; }
  soci::statement* operator->() const noexcept { return statement_; }
  // A cached statement is prepared already: run() only binds and executes.
  bool prepared() const noexcept { return cached_ != nullptr; }
  // The SQL of a cached statement (empty for a one-time one).
  const std::string& sql() const noexcept;

 private:
  const std::string* sql_ = nullptr;
  CachedStatement* cached_ = nullptr;
  Backend backend_ = Backend::sqlite;
  std::unique_ptr<soci::statement> one_time_;
  soci::statement* statement_ = nullptr;
};

class StatementCache {
 public:
  explicit StatementCache(Backend backend) noexcept : backend_(backend) {}
  ~StatementCache() { clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The statement for sql on session, prepared on its first use there. Throws what the driver
  // throws when preparation fails (nothing is kept then).
  BorrowedStatement borrow(soci::session& session, const std::string& sql);
  // A statement prepared for one run only, not kept.
  static BorrowedStatement one_time(soci::session& session, const std::string& sql, Backend backend);

  // Forgets every statement without telling the server: called before the connection is closed
  // or reopened, which frees PostgreSQL's prepared statements (an SQLite session must still be
  // open: its statements are finalized here). Nothing may be borrowed.
  void clear() noexcept;

  std::size_t size() const noexcept { return statements_.size(); }

  // Authly has about a hundred distinct statements; SQL built for a variable number of rows
  // (audit batches) adds a few. Beyond the bound, statements run unprepared.
  static constexpr std::size_t kMaxStatements = 256;

 private:
  Backend backend_;
  std::unordered_map<std::string, CachedStatement> statements_;
};

// True when running the statement may write (SQLite's own verdict, sqlite3_stmt_readonly: BEGIN
// IMMEDIATE counts, SELECT does not). Always false on PostgreSQL, which needs no SqliteWriter.
bool writes_sqlite(soci::statement& statement, Backend backend) noexcept;

// A pooled session with its statements; what a repository's code runs on.
struct Connection {
  soci::session& session;
  StatementCache& statements;
  // SQLite outside a transaction: taken around each write statement. Null on PostgreSQL and
  // inside a transaction, which holds it from BEGIN to its end.
  SqliteWriter* writer = nullptr;
};

}  // namespace authly::store::sql
