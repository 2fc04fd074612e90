#include "store/sql/sql_session_repository.hpp"

#include "store/sql/batch_delete.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "id_hash, user_id, sid, amr, acr, auth_time, created_at, last_seen_at, expires_at, ended_at";

struct SessionRow {
  Session session;
  long long auth_time = 0;
  long long created_at = 0;
  long long last_seen_at = 0;
  long long expires_at = 0;
  OptionalTime ended_at;

  void bind(Query& q) {
    q.into(session.id_hash).into(session.user_id).into(session.sid).into(session.amr).into(session.acr);
    q.into(auth_time).into(created_at).into(last_seen_at).into(expires_at).into(ended_at.seconds, ended_at.ind);
  }
  Session take() {
    session.auth_time = core::from_unix(auth_time);
    session.created_at = core::from_unix(created_at);
    session.last_seen_at = core::from_unix(last_seen_at);
    session.expires_at = core::from_unix(expires_at);
    session.ended_at = ended_at.get();
    return std::move(session);
  }
};

}  // namespace

void SqlSessionRepository::create(const Session& x) {
  db_.run([&](Connection& s) {
    long long auth_time = unix_seconds(x.auth_time);
    long long created_at = unix_seconds(x.created_at);
    long long last_seen_at = unix_seconds(x.last_seen_at);
    long long expires_at = unix_seconds(x.expires_at);
    OptionalTime ended_at(x.ended_at);
    Query q(s, std::string("INSERT INTO sessions (") + kColumns +
                   ") VALUES (:idh, :uid, :sid, :amr, :acr, :at, :ca, :ls, :ea, :en)");
    q.use(x.id_hash).use(x.user_id).use(x.sid).use(x.amr).use(x.acr).use(auth_time).use(created_at);
    q.use(last_seen_at).use(expires_at).use(ended_at.seconds, ended_at.ind).run();
  });
}

std::optional<Session> SqlSessionRepository::find_active(const std::string& id_hash, TimePoint now) {
  return db_.with([&](Connection& s) -> std::optional<Session> {
    long long at = unix_seconds(now);
    SessionRow row;
    Query q(s, std::string("SELECT ") + kColumns +
                   " FROM sessions WHERE id_hash = :idh AND ended_at IS NULL AND expires_at > :now");
    row.bind(q);
    q.use(id_hash).use(at);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::optional<Session> SqlSessionRepository::find_by_sid(const std::string& sid) {
  return db_.with([&](Connection& s) -> std::optional<Session> {
    SessionRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM sessions WHERE sid = :sid");
    row.bind(q);
    q.use(sid);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

// Only a live session is touched: an ended one must not look recently used.
bool SqlSessionRepository::touch(const std::string& id_hash, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    Query q(s, "UPDATE sessions SET last_seen_at = :now WHERE id_hash = :idh AND ended_at IS NULL");
    q.use(at).use(id_hash).run();
    return q.affected_rows() > 0;
  });
}

bool SqlSessionRepository::end(const std::string& id_hash, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    Query q(s, "UPDATE sessions SET ended_at = :now WHERE id_hash = :idh AND ended_at IS NULL");
    q.use(at).use(id_hash).run();
    return q.affected_rows() > 0;
  });
}

std::int64_t SqlSessionRepository::end_all_for_user(const std::string& user_id, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    Query q(s, "UPDATE sessions SET ended_at = :now WHERE user_id = :uid AND ended_at IS NULL");
    q.use(at).use(user_id).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

// A range scan of sessions_expires_at (expired rows are purged, so the range holds few ended ones).
std::int64_t SqlSessionRepository::count_active(TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    long long n = 0;
    Query q(s, "SELECT count(*) FROM sessions WHERE expires_at > :now AND ended_at IS NULL");
    q.use(at).into(n).run();
    return static_cast<std::int64_t>(n);
  });
}

std::int64_t SqlSessionRepository::delete_expired(TimePoint before, std::int64_t limit) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(before);
    long long n = limit;
    const std::string lock = skip_locked(db_.backend());
    Query q(s, "DELETE FROM sessions WHERE id_hash IN (SELECT id_hash FROM sessions WHERE expires_at < :b LIMIT :n" +
                   lock + ")");
    q.use(at).use(n).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

// INSERT ... ON CONFLICT DO NOTHING is spelled the same in SQLite (3.24+) and PostgreSQL.
void SqlSessionRepository::add_client(const std::string& id_hash, const std::string& client_id, TimePoint now) {
  db_.run([&](Connection& s) {
    long long at = unix_seconds(now);
    Query q(s,
            "INSERT INTO session_clients (session_hash, client_id, created_at) VALUES (:sh, :cid, :ca) "
            "ON CONFLICT (session_hash, client_id) DO NOTHING");
    q.use(id_hash).use(client_id).use(at).run();
  });
}

std::vector<std::string> SqlSessionRepository::clients(const std::string& id_hash) {
  return db_.with([&](Connection& s) {
    std::vector<std::string> out;
    std::string id;
    Query q(s, "SELECT client_id FROM session_clients WHERE session_hash = :sh ORDER BY client_id");
    q.into(id).use(id_hash);
    if (q.run()) {
      do out.push_back(id);
      while (q.next());
    }
    return out;
  });
}

std::optional<Session> SqlSessionRepository::find(const std::string& id_hash) {
  return db_.with([&](Connection& s) -> std::optional<Session> {
    SessionRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM sessions WHERE id_hash = :idh");
    row.bind(q);
    q.use(id_hash);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

}  // namespace authly::store::sql
