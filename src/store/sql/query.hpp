#pragma once
// A thin statement builder over soci::statement, and column conversions. Internal to store/sql.
//
// Binding is positional, so a parameter :name must not appear twice in one statement: SQLite
// numbers a repeated :name once, PostgreSQL once per occurrence, and the positions would differ.
// Values are bound by reference and must outlive run(); the Query must end before its
// connection is given back (it borrows one of the connection's prepared statements).
#include <soci/soci.h>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "store/sql/statement_cache.hpp"

namespace authly::store::sql {

class Query {
 public:
  // A statement prepared once per connection (statement_cache.hpp).
  Query(Connection& connection, const std::string& sql)
      : session_(connection.session),
        writer_(connection.writer),
        statement_(connection.statements.borrow(connection.session, sql)) {}
  // A statement prepared for this one run: for DDL and the migrator, which change the schema
  // under any statement kept prepared.
  Query(soci::session& session, const std::string& sql, Backend backend)
      : session_(session), statement_(StatementCache::one_time(session, sql, backend)) {}

  template <class T>
  Query& use(const T& value) {
    statement_->exchange(soci::use(value));
    return *this;
  }
  template <class T>
  Query& use(const T& value, soci::indicator& ind) {
    statement_->exchange(soci::use(value, ind));
    return *this;
  }
  template <class T>
  Query& into(T& value) {
    statement_->exchange(soci::into(value));
    return *this;
  }
  template <class T>
  Query& into(T& value, soci::indicator& ind) {
    statement_->exchange(soci::into(value, ind));
    return *this;
  }

  // Executes; true when a first row was fetched into the into() targets.
  bool run() {
    // Error messages name the session's last query, which a kept statement did not set.
    if (statement_.prepared()) session_.log_query(statement_.sql());
    // Held until the Query ends: an INSERT ... RETURNING keeps its write open until reset.
    if (writer_ != nullptr && !writer_lock_ && writes_sqlite(*statement_, Backend::sqlite))
      writer_lock_ = writer_->acquire();
    statement_->define_and_bind();
    return statement_->execute(true);
  }
  bool next() { return statement_->fetch(); }
  // Rows changed by an INSERT/UPDATE/DELETE without RETURNING.
  long long affected_rows() { return statement_->get_affected_rows(); }

 private:
  soci::session& session_;
  SqliteWriter* writer_ = nullptr;
  std::unique_lock<std::timed_mutex> writer_lock_;  // released after statement_ is given back (reset)
  BorrowedStatement statement_;
};

inline long long unix_seconds(core::TimePoint t) { return core::to_unix(t); }

// A nullable timestamp column (BIGINT unix seconds or NULL).
struct OptionalTime {
  long long seconds = 0;
  soci::indicator ind = soci::i_null;

  OptionalTime() = default;
  explicit OptionalTime(const std::optional<core::TimePoint>& t)
      : seconds(t ? core::to_unix(*t) : 0), ind(t ? soci::i_ok : soci::i_null) {}
  std::optional<core::TimePoint> get() const {
    if (ind != soci::i_ok) return std::nullopt;
    return core::from_unix(seconds);
  }
};

// A nullable text column that the model represents as "" (foreign keys to users, which some rows
// lack: NULL satisfies the constraint, "" would not).
struct OptionalText {
  std::string value;
  soci::indicator ind = soci::i_null;

  OptionalText() = default;
  explicit OptionalText(const std::string& v) : value(v), ind(v.empty() ? soci::i_null : soci::i_ok) {}
  std::string get() const { return ind == soci::i_ok ? value : std::string(); }
};

}  // namespace authly::store::sql
