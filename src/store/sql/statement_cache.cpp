#include "store/sql/statement_cache.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace authly::store::sql {

namespace {

// soci's PostgreSQL statement sends DEALLOCATE when destroyed; on a lost connection that fails
// (and soci 4.0 throws it out of a destructor). Closing the connection frees the statement
// anyway, so the name is dropped first. static_cast after checking the backend: the driver
// libraries do not export their typeinfo (see sql_errors.cpp).
void forget_server_statement(soci::statement& statement, Backend backend) noexcept {
  if (backend != Backend::postgresql || statement.get_backend() == nullptr) return;
  static_cast<soci::postgresql_statement_backend*>(statement.get_backend())->statementName_.clear();
}

std::unique_ptr<soci::statement> prepare(soci::session& session, const std::string& sql, Backend backend,
                                         soci::details::statement_type type) {
  auto statement = std::make_unique<soci::statement>(session);
  try {
    statement->alloc();
    statement->prepare(sql, type);
  } catch (...) {
    forget_server_statement(*statement, backend);
    throw;
  }
  return statement;
}

}  // namespace

BorrowedStatement::BorrowedStatement(const std::string& sql, CachedStatement& cached, Backend backend) noexcept
    : sql_(&sql), cached_(&cached), backend_(backend), statement_(cached.statement.get()) {
  cached.borrowed = true;
}

BorrowedStatement::BorrowedStatement(std::unique_ptr<soci::statement> one_time) noexcept
    : one_time_(std::move(one_time)), statement_(one_time_.get()) {}

BorrowedStatement::BorrowedStatement(BorrowedStatement&& other) noexcept
    : sql_(other.sql_),
      cached_(other.cached_),
      backend_(other.backend_),
      one_time_(std::move(other.one_time_)),
      statement_(other.statement_) {
  other.cached_ = nullptr;
  other.statement_ = nullptr;
}

const std::string& BorrowedStatement::sql() const noexcept {
  static const std::string kNone;
  return sql_ != nullptr ? *sql_ : kNone;
}

BorrowedStatement::~BorrowedStatement() {
  if (cached_ == nullptr) return;
  try {
    statement_->bind_clean_up();  // the bindings point at the caller's variables
  } catch (...) {
    // bind_clean_up only frees memory.
  }
  if (backend_ == Backend::sqlite) {
    if (auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement_->get_backend());
        backend != nullptr && backend->stmt_ != nullptr) {
      // Ends the statement's read transaction; its result code repeats the last step's error,
      // which the Query has seen already.
      sqlite_api::sqlite3_reset(backend->stmt_);
    }
  }
  cached_->borrowed = false;
}

BorrowedStatement StatementCache::borrow(soci::session& session, const std::string& sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    if (!it->second.borrowed) return BorrowedStatement(it->first, it->second, backend_);
  } else if (statements_.size() < kMaxStatements) {
    auto statement = prepare(session, sql, backend_, soci::details::st_repeatable_query);
    auto [pos, inserted] = statements_.emplace(sql, CachedStatement{std::move(statement), false});
    return BorrowedStatement(pos->first, pos->second, backend_);
  }
  return one_time(session, sql, backend_);
}

BorrowedStatement StatementCache::one_time(soci::session& session, const std::string& sql, Backend backend) {
  return BorrowedStatement(prepare(session, sql, backend, soci::details::st_one_time_query));
}

bool writes_sqlite(soci::statement& statement, Backend backend) noexcept {
  if (backend != Backend::sqlite) return false;
  auto* st = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
  return st != nullptr && st->stmt_ != nullptr && sqlite_api::sqlite3_stmt_readonly(st->stmt_) == 0;
}

void StatementCache::clear() noexcept {
  for (auto& [sql, cached] : statements_) forget_server_statement(*cached.statement, backend_);
  statements_.clear();
}

}  // namespace authly::store::sql
