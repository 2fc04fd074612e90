#include "store/sql/migrator.hpp"

#include <cctype>
#include <chrono>
#include <map>

#include "store/errors.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

// pg_advisory_xact_lock key: any constant shared by all authly instances ("authly" in ASCII).
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(107097851071609)";

constexpr const char* kCreateBookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

bool bookkeeping_exists(soci::session& s, Backend backend) {
  long long n = 0;
  Query q(s,
          backend == Backend::sqlite
              ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
              // current_schema(): where CREATE TABLE puts it, honouring search_path.
              : "SELECT count(*) FROM pg_catalog.pg_tables "
                "WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
          backend);
  q.into(n).run();
  return n > 0;
}

// version -> applied_at; throws if the database is ahead of this binary.
std::map<int, long long> applied_versions(soci::session& s, Backend backend) {
  std::map<int, long long> applied;
  int version = 0;
  long long at = 0;
  Query q(s, "SELECT version, applied_at FROM schema_migrations ORDER BY version", backend);
  q.into(version).into(at);
  if (q.run()) {
    do applied[version] = at;
    while (q.next());
  }
  const auto& known = embedded_migrations(backend);
  int latest = known.empty() ? 0 : known.back().version;
  if (!applied.empty() && applied.rbegin()->first > latest) {
    throw StoreError("database schema version " + std::to_string(applied.rbegin()->first) +
                     " is newer than this authly (" + std::to_string(latest) + ")");
  }
  return applied;
}

// True while `statement` is an SQLite trigger whose BEGIN ... END body is still open: the ';'
// after each body statement belongs to the trigger, only the one after END ends it.
bool inside_trigger_body(const std::string& statement) {
  std::string upper;
  upper.reserve(statement.size());
  for (char c : statement) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto first = upper.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || upper.compare(first, 14, "CREATE TRIGGER") != 0) return false;
  if (upper.find(" BEGIN") == std::string::npos && upper.find("\nBEGIN") == std::string::npos) return false;
  auto last = upper.find_last_not_of(" \t\r\n");
  return !(last >= 3 && upper.compare(last - 2, 3, "END") == 0 &&
           std::isspace(static_cast<unsigned char>(upper[last - 3])));
}

}  // namespace

std::vector<std::string> split_sql_statements(std::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  auto flush = [&] {
    auto first = current.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) {
      auto last = current.find_last_not_of(" \t\r\n");
      statements.push_back(current.substr(first, last - first + 1));
    }
    current.clear();
  };
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // comment to end of line
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 1;
      current += ' ';
    } else if (c == '\'' || c == '"') {  // quoted literal or identifier; doubled quote escapes
      auto end = i + 1;
      while (end < sql.size() && !(sql[end] == c && (end + 1 >= sql.size() || sql[end + 1] != c))) {
        end += sql[end] == c ? 2 : 1;
      }
      current.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (c == ';') {
      if (inside_trigger_body(current)) {
        current += c;
      } else {
        flush();
      }
    } else {
      current += c;
    }
  }
  flush();
  return statements;
}

std::vector<MigrationInfo> migration_status(SessionSource& db) {
  Backend backend = db.backend();
  return db.with([&](Connection& c) {
    soci::session& s = c.session;
    std::map<int, long long> applied;
    if (bookkeeping_exists(s, backend)) applied = applied_versions(s, backend);
    std::vector<MigrationInfo> status;
    for (const auto& m : embedded_migrations(backend)) {
      MigrationInfo info{m.version, std::string(m.name), false, std::nullopt};
      if (auto it = applied.find(m.version); it != applied.end()) {
        info.applied = true;
        info.applied_at = core::from_unix(it->second);
      }
      status.push_back(std::move(info));
    }
    return status;
  });
}

std::vector<MigrationInfo> apply_migrations(SessionSource& db) {
  Backend backend = db.backend();
  std::vector<MigrationInfo> done;
  for (const auto& m : embedded_migrations(backend)) {
    db.run([&](Connection& c) {
      soci::session& s = c.session;  // one-time statements: the schema changes under them
      // IMMEDIATE takes SQLite's write lock now: a second migrator waits here (busy_timeout)
      // rather than failing on its first write.
      s << (backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
      try {
        if (backend == Backend::postgresql) s << kMigrationLock;
        s << kCreateBookkeeping;
        // Read under the lock: another instance may have applied it while we waited.
        if (applied_versions(s, backend).count(m.version) == 0) {
          for (const auto& statement : split_sql_statements(m.sql)) s << statement;
          long long now = core::to_unix(std::chrono::system_clock::now());
          int version = m.version;
          std::string name(m.name);
          s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(version),
              soci::use(name), soci::use(now);
          done.push_back(MigrationInfo{m.version, name, true, core::from_unix(now)});
        }
        s << "COMMIT";
      } catch (...) {
        try {
          s.rollback();  // not a statement: the error message keeps naming the failed one
        } catch (...) {
          // The connection is gone; the server rolls back on its own.
        }
        throw;
      }
    });
  }
  return done;
}

}  // namespace authly::store::sql
