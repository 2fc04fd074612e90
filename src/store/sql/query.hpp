#pragma once
// A thin statement builder over soci::statement, and column conversions. Internal to store/sql.
//
// Binding is positional, so a parameter :name must not appear twice in one statement: SQLite
// numbers a repeated :name once, PostgreSQL once per occurrence, and the positions would differ.
// Values are bound by reference and must outlive run().
#include <soci/soci.h>

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace authly::store::sql {

class Query {
 public:
  Query(soci::session& session, std::string sql) : statement_(session), sql_(std::move(sql)) {}

  template <class T>
  Query& use(const T& value) {
    statement_.exchange(soci::use(value));
    return *this;
  }
  template <class T>
  Query& use(const T& value, soci::indicator& ind) {
    statement_.exchange(soci::use(value, ind));
    return *this;
  }
  template <class T>
  Query& into(T& value) {
    statement_.exchange(soci::into(value));
    return *this;
  }
  template <class T>
  Query& into(T& value, soci::indicator& ind) {
    statement_.exchange(soci::into(value, ind));
    return *this;
  }

  // Executes; true when a first row was fetched into the into() targets.
  bool run() {
    statement_.alloc();
    // One-time: PostgreSQL runs it with PQexecParams instead of leaving named prepared
    // statements behind on pooled connections.
    statement_.prepare(sql_, soci::details::st_one_time_query);
    statement_.define_and_bind();
    return statement_.execute(true);
  }
  bool next() { return statement_.fetch(); }
  // Rows changed by an INSERT/UPDATE/DELETE without RETURNING.
  long long affected_rows() { return statement_.get_affected_rows(); }

 private:
  soci::statement statement_;
  std::string sql_;
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
