#include "store/sql/sql_token_repository.hpp"

#include <algorithm>

#include "store/sql/batch_delete.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "token_hash, family_id, parent_hash, client_id, user_id, scope, session_id, offline, auth_time, created_at, "
    "expires_at, idle_expires_at, rotated_at, revoked_at, sid, acr, amr, claims";

struct RefreshRow {
  RefreshToken token;
  OptionalText user_id;
  int offline = 0;
  long long auth_time = 0;
  long long created_at = 0;
  long long expires_at = 0;
  long long idle_expires_at = 0;
  OptionalTime rotated_at;
  OptionalTime revoked_at;

  void bind(Query& q) {
    q.into(token.token_hash).into(token.family_id).into(token.parent_hash).into(token.client_id);
    q.into(user_id.value, user_id.ind).into(token.scope).into(token.session_id).into(offline).into(auth_time);
    q.into(created_at).into(expires_at).into(idle_expires_at).into(rotated_at.seconds, rotated_at.ind);
    q.into(revoked_at.seconds, revoked_at.ind).into(token.sid).into(token.acr).into(token.amr).into(token.claims);
  }
  RefreshToken take() {
    token.user_id = user_id.get();
    token.offline = offline != 0;
    token.auth_time = core::from_unix(auth_time);
    token.created_at = core::from_unix(created_at);
    token.expires_at = core::from_unix(expires_at);
    token.idle_expires_at = core::from_unix(idle_expires_at);
    token.rotated_at = rotated_at.get();
    token.revoked_at = revoked_at.get();
    return std::move(token);
  }
};

}  // namespace

void SqlTokenRepository::create_refresh(const RefreshToken& t) {
  db_.run([&](Connection& s) {
    OptionalText user_id(t.user_id);
    int offline = t.offline ? 1 : 0;
    long long auth_time = unix_seconds(t.auth_time);
    long long created_at = unix_seconds(t.created_at);
    long long expires_at = unix_seconds(t.expires_at);
    long long idle_expires_at = unix_seconds(t.idle_expires_at);
    OptionalTime rotated_at(t.rotated_at);
    OptionalTime revoked_at(t.revoked_at);
    Query q(s, std::string("INSERT INTO refresh_tokens (") + kColumns +
                   ") VALUES (:th, :fam, :ph, :cid, :uid, :scope, :sid, :off, :at, :ca, :ea, :iea, :rot, :rev, :sd, "
                   ":acr, :amr, :clm)");
    q.use(t.token_hash).use(t.family_id).use(t.parent_hash).use(t.client_id).use(user_id.value, user_id.ind);
    q.use(t.scope).use(t.session_id).use(offline).use(auth_time).use(created_at).use(expires_at);
    q.use(idle_expires_at).use(rotated_at.seconds, rotated_at.ind).use(revoked_at.seconds, revoked_at.ind);
    q.use(t.sid).use(t.acr).use(t.amr).use(t.claims);
    q.run();
  });
}

std::optional<RefreshToken> SqlTokenRepository::find_refresh(const std::string& token_hash) {
  return db_.with([&](Connection& s) -> std::optional<RefreshToken> {
    RefreshRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM refresh_tokens WHERE token_hash = :th");
    row.bind(q);
    q.use(token_hash);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

// Race-free like codes.consume: of two concurrent rotations exactly one matches the WHERE. Expiry
// is the caller's check: an expired token is refused, not treated as a replay.
std::optional<RefreshToken> SqlTokenRepository::rotate_refresh(const std::string& token_hash, TimePoint now) {
  return db_.with([&](Connection& s) -> std::optional<RefreshToken> {
    long long at = unix_seconds(now);
    RefreshRow row;
    Query q(s, std::string("UPDATE refresh_tokens SET rotated_at = :now "
                           "WHERE token_hash = :th AND rotated_at IS NULL AND revoked_at IS NULL RETURNING ") +
                   kColumns);
    q.use(at).use(token_hash);
    row.bind(q);
    if (!q.run()) return std::nullopt;
    RefreshToken token = row.take();
    token.rotated_at.reset();  // the contract returns the row as it was before this rotation
    return token;
  });
}

std::int64_t SqlTokenRepository::revoke_where(const char* column, const std::string& value, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    // Already-revoked rows keep their first revocation time.
    Query q(
        s, std::string("UPDATE refresh_tokens SET revoked_at = :now WHERE ") + column + " = :v AND revoked_at IS NULL");
    q.use(at).use(value).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

std::int64_t SqlTokenRepository::revoke_family(const std::string& family_id, TimePoint now) {
  return revoke_where("family_id", family_id, now);
}

std::int64_t SqlTokenRepository::revoke_for_session(const std::string& session_id, TimePoint now) {
  if (session_id.empty()) return 0;  // "" marks tokens without a session, not a session
  return revoke_where("session_id", session_id, now);
}

std::int64_t SqlTokenRepository::revoke_for_user(const std::string& user_id, TimePoint now) {
  return revoke_where("user_id", user_id, now);
}

std::int64_t SqlTokenRepository::revoke_for_client(const std::string& client_id, TimePoint now) {
  return revoke_where("client_id", client_id, now);
}

// A token is dead once either lifetime has passed; a rotated one's idle expiry is never renewed.
std::int64_t SqlTokenRepository::delete_expired_refresh(TimePoint before, std::int64_t limit) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(before);
    long long at2 = at;
    long long n = limit;
    const std::string lock = skip_locked(db_.backend());
    Query q(s,
            "DELETE FROM refresh_tokens WHERE token_hash IN (SELECT token_hash FROM refresh_tokens "
            "WHERE expires_at < :b OR idle_expires_at < :b2 LIMIT :n" +
                lock + ")");
    q.use(at).use(at2).use(n).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

void SqlTokenRepository::deny_access_token(const std::string& jti, TimePoint expires_at) {
  db_.run([&](Connection& s) {
    long long at = unix_seconds(expires_at);
    Query q(s, "INSERT INTO denied_access_tokens (jti, expires_at) VALUES (:jti, :ea) ON CONFLICT (jti) DO NOTHING");
    q.use(jti).use(at).run();
  });
}

void SqlTokenRepository::deny_access_tokens(const std::vector<DeniedAccessToken>& rows) {
  for (std::size_t first = 0; first < rows.size(); first += kDenyRowsPerInsert) {
    const std::size_t n = std::min(kDenyRowsPerInsert, rows.size() - first);
    db_.run([&](Connection& s) {
      // One statement, so one commit for all of them; every bind parameter has its own name
      // (binding is positional, store/sql/query.hpp).
      std::string sql = "INSERT INTO denied_access_tokens (jti, expires_at) VALUES ";
      for (std::size_t i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        sql += (i > 0 ? ", (:jti" : "(:jti") + k + ", :ea" + k + ")";
      }
      sql += " ON CONFLICT (jti) DO NOTHING";
      std::vector<long long> at(n);  // bound by reference: must outlive run()
      Query q(s, sql);
      for (std::size_t i = 0; i < n; ++i) {
        at[i] = unix_seconds(rows[first + i].expires_at);
        q.use(rows[first + i].jti).use(at[i]);
      }
      q.run();
    });
  }
}

bool SqlTokenRepository::is_access_token_denied(const std::string& jti) {
  return db_.with([&](Connection& s) {
    long long n = 0;
    Query q(s, "SELECT count(*) FROM denied_access_tokens WHERE jti = :jti");
    q.into(n).use(jti).run();
    return n > 0;
  });
}

std::vector<DeniedAccessToken> SqlTokenRepository::denied_since(std::int64_t after_seq, TimePoint now,
                                                                std::int64_t limit) {
  return db_.with([&](Connection& s) {
    std::vector<DeniedAccessToken> rows;
    long long after = after_seq;
    long long at = unix_seconds(now);
    long long n = limit;
    std::string jti;
    long long expires_at = 0;
    long long seq = 0;
    Query q(s,
            "SELECT jti, expires_at, seq FROM denied_access_tokens WHERE seq > :after AND expires_at > :now "
            "ORDER BY seq LIMIT :n");
    q.into(jti).into(expires_at).into(seq).use(after).use(at).use(n);
    if (q.run()) {
      do rows.push_back(DeniedAccessToken{jti, core::from_unix(expires_at), seq});
      while (q.next());
    }
    return rows;
  });
}

// Three statements, each its own short batch (no transaction around them: a purge that stops
// half-way leaves nothing inconsistent, only rows for the next run).
std::int64_t SqlTokenRepository::purge_denied(TimePoint before, std::int64_t limit) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(before);
    long long n = limit;
    const std::string lock = skip_locked(db_.backend());
    std::int64_t deleted = 0;
    for (const std::string& sql :
         {"DELETE FROM client_assertions WHERE (client_id, jti) IN (SELECT client_id, jti FROM client_assertions "
          "WHERE expires_at < :b LIMIT :n" +
              lock + ")",
          "DELETE FROM family_access_tokens WHERE jti IN (SELECT jti FROM family_access_tokens WHERE expires_at < :b "
          "LIMIT :n" +
              lock + ")",
          "DELETE FROM denied_access_tokens WHERE jti IN (SELECT jti FROM denied_access_tokens WHERE expires_at < :b "
          "LIMIT :n" +
              lock + ")"}) {
      Query q(s, sql);
      q.use(at).use(n).run();
      deleted += static_cast<std::int64_t>(q.affected_rows());
    }
    return deleted;
  });
}

void SqlTokenRepository::record_family_access_token(const std::string& family_id, const std::string& jti,
                                                    TimePoint expires_at) {
  db_.run([&](Connection& s) {
    long long at = unix_seconds(expires_at);
    Query q(s,
            "INSERT INTO family_access_tokens (jti, family_id, expires_at) VALUES (:jti, :fam, :ea) "
            "ON CONFLICT (jti) DO NOTHING");
    q.use(jti).use(family_id).use(at).run();
  });
}

// One INSERT ... SELECT: no window in which a recorded token is neither listed nor deniable. The
// WHERE clause also keeps SQLite's parser from reading ON CONFLICT as a join constraint.
std::int64_t SqlTokenRepository::deny_family_access_tokens(const std::string& family_id) {
  if (family_id.empty()) return 0;  // "" marks a code that issued nothing
  return db_.with([&](Connection& s) {
    Query q(s,
            "INSERT INTO denied_access_tokens (jti, expires_at) SELECT jti, expires_at FROM family_access_tokens "
            "WHERE family_id = :fam ON CONFLICT (jti) DO NOTHING");
    q.use(family_id).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

std::int64_t SqlTokenRepository::deny_session_access_tokens(const std::string& session_id) {
  if (session_id.empty()) return 0;  // "" marks grants without a session, not a session
  return db_.with([&](Connection& s) {
    Query q(s,
            "INSERT INTO denied_access_tokens (jti, expires_at) SELECT f.jti, f.expires_at FROM family_access_tokens f "
            "WHERE f.family_id IN (SELECT c.family_id FROM authorization_codes c "
            "WHERE c.session_id = :sid AND c.family_id <> '') "
            "AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = f.family_id AND r.offline = 1) "
            "ON CONFLICT (jti) DO NOTHING");
    q.use(session_id).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

// ON CONFLICT DO NOTHING rather than catching a unique violation: on PostgreSQL a failed INSERT
// would abort an enclosing transaction. The row count tells whether this call recorded the jti.
bool SqlTokenRepository::record_assertion_jti(const std::string& client_id, const std::string& jti,
                                              TimePoint expires_at) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(expires_at);
    Query q(s,
            "INSERT INTO client_assertions (client_id, jti, expires_at) VALUES (:cid, :jti, :ea) "
            "ON CONFLICT (client_id, jti) DO NOTHING");
    q.use(client_id).use(jti).use(at).run();
    return q.affected_rows() == 1;
  });
}

}  // namespace authly::store::sql
