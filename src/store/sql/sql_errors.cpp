#include "store/sql/sql_errors.hpp"

#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cerrno>
#include <chrono>

#include "store/errors.hpp"

namespace authly::store::sql {

namespace {

// static_cast after checking the name: libsoci_postgresql does not export the backend's typeinfo,
// so dynamic_cast cannot link.
PGconn* pg_conn(soci::session& session) noexcept {
  soci::details::session_backend* backend = session.get_backend();
  if (backend == nullptr || backend->get_backend_name() != "postgresql") return nullptr;
  return static_cast<soci::postgresql_session_backend*>(backend)->conn_;
}

bool is_unique_violation(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23505";
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return (lite->result() & 0xff) == SQLITE_CONSTRAINT &&
           lite->get_error_message().find("UNIQUE constraint failed") != std::string::npos;
  }
  return false;
}

// PostgreSQL's DETAIL line quotes the offending row ("Key (lower(email))=(a@b.example) already
// exists"): personal data or token hashes that have no place in a log.
std::string without_detail(std::string message) {
  for (auto pos = message.find("DETAIL:"); pos != std::string::npos; pos = message.find("DETAIL:", pos)) {
    auto end = message.find('\n', pos);
    message.erase(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// Only the driver's text is scrubbed of secrets: the SQL is ours and never holds a value.
std::string describe(const ConnectionConfig& config, soci::session& session, const std::string& message) {
  std::string text(backend_name(config.backend));
  text.append(" error: ").append(redact(without_detail(message), config.secrets));
  std::string query;
  try {
    query = session.get_last_query();
  } catch (...) {
  }
  if (!query.empty()) text.append(" (while executing \"").append(query).append("\")");
  return text;
}

}  // namespace

void rethrow_as_store_error(const ConnectionConfig& config, soci::session& session) {
  try {
    throw;
  } catch (const StoreError&) {
    throw;
  } catch (const soci::soci_error& e) {
    // get_error_message(), not what(): what() appends the bound values, which may be hashes
    // of secrets or personal data.
    if (is_unique_violation(e)) throw Conflict(describe(config, session, e.get_error_message()));
    throw StoreError(describe(config, session, e.get_error_message()));
  } catch (const std::exception& e) {
    throw StoreError(describe(config, session, e.what()));
  }
}

bool connection_lost(const ConnectionConfig& config, soci::session& session) noexcept {
  if (config.backend != Backend::postgresql) return false;
  PGconn* conn = pg_conn(session);
  return conn == nullptr || PQstatus(conn) != CONNECTION_OK;
}

bool postgresql_alive(soci::session& session, int timeout_ms) noexcept {
  PGconn* conn = pg_conn(session);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) return false;
  if (PQsendQuery(conn, "SELECT 1") == 0) return false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (PQisBusy(conn) != 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{PQsocket(conn), POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || PQconsumeInput(conn) == 0) return false;
  }
  bool ok = true;
  while (PGresult* result = PQgetResult(conn)) {
    ok = ok && PQresultStatus(result) == PGRES_TUPLES_OK;
    PQclear(result);
  }
  return ok && PQstatus(conn) == CONNECTION_OK;
}

}  // namespace authly::store::sql
