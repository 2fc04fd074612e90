#include "store/sql/sql_authorization_code_repository.hpp"

#include "store/sql/batch_delete.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "code_hash, client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method, nonce, session_id, "
    "claims, family_id, auth_time, created_at, expires_at, consumed_at";

struct CodeRow {
  AuthorizationCode code;
  OptionalText user_id;
  long long auth_time = 0;
  long long created_at = 0;
  long long expires_at = 0;
  OptionalTime consumed_at;

  void bind(Query& q) {
    q.into(code.code_hash).into(code.client_id).into(user_id.value, user_id.ind).into(code.redirect_uri);
    q.into(code.scope).into(code.code_challenge).into(code.code_challenge_method).into(code.nonce);
    q.into(code.session_id).into(code.claims).into(code.family_id).into(auth_time).into(created_at);
    q.into(expires_at).into(consumed_at.seconds, consumed_at.ind);
  }
  AuthorizationCode take() {
    code.user_id = user_id.get();
    code.auth_time = core::from_unix(auth_time);
    code.created_at = core::from_unix(created_at);
    code.expires_at = core::from_unix(expires_at);
    code.consumed_at = consumed_at.get();
    return std::move(code);
  }
};

}  // namespace

void SqlAuthorizationCodeRepository::create(const AuthorizationCode& c) {
  db_.run([&](Connection& s) {
    OptionalText user_id(c.user_id);
    long long auth_time = unix_seconds(c.auth_time);
    long long created_at = unix_seconds(c.created_at);
    long long expires_at = unix_seconds(c.expires_at);
    OptionalTime consumed_at(c.consumed_at);
    Query q(s, std::string("INSERT INTO authorization_codes (") + kColumns +
                   ") VALUES (:ch, :cid, :uid, :ru, :scope, :cc, :ccm, :nonce, :sid, :claims, :fam, :at, :ca, :ea, "
                   ":con)");
    q.use(c.code_hash).use(c.client_id).use(user_id.value, user_id.ind).use(c.redirect_uri).use(c.scope);
    q.use(c.code_challenge).use(c.code_challenge_method).use(c.nonce).use(c.session_id).use(c.claims);
    q.use(c.family_id).use(auth_time).use(created_at).use(expires_at).use(consumed_at.seconds, consumed_at.ind);
    q.run();
  });
}

// One statement decides the winner: the row lock (PostgreSQL) or the database write lock
// (SQLite) serialises racing exchanges, and the loser's WHERE no longer matches. The client is part
// of the WHERE so that a code presented by another client is left exactly as it was.
std::optional<AuthorizationCode> SqlAuthorizationCodeRepository::consume(const std::string& code_hash,
                                                                         const std::string& client_id, TimePoint now,
                                                                         const std::string& family_id) {
  return db_.with([&](Connection& s) -> std::optional<AuthorizationCode> {
    long long at = unix_seconds(now);
    long long at2 = at;
    CodeRow row;
    Query q(s, std::string("UPDATE authorization_codes SET consumed_at = :now, family_id = :fam "
                           "WHERE code_hash = :ch AND client_id = :cid AND consumed_at IS NULL AND expires_at > :now2 "
                           "RETURNING ") +
                   kColumns);
    q.use(at).use(family_id).use(code_hash).use(client_id).use(at2);
    row.bind(q);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::optional<AuthorizationCode> SqlAuthorizationCodeRepository::find(const std::string& code_hash) {
  return db_.with([&](Connection& s) -> std::optional<AuthorizationCode> {
    CodeRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM authorization_codes WHERE code_hash = :ch");
    row.bind(q);
    q.use(code_hash);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::int64_t SqlAuthorizationCodeRepository::delete_expired(TimePoint before, std::int64_t limit) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(before);
    long long n = limit;
    const std::string lock = skip_locked(db_.backend());
    Query q(s,
            "DELETE FROM authorization_codes WHERE code_hash IN (SELECT c.code_hash FROM authorization_codes c "
            "WHERE c.expires_at < :b "
            "AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = c.family_id) "
            "AND NOT EXISTS (SELECT 1 FROM family_access_tokens f WHERE f.family_id = c.family_id) LIMIT :n" +
                lock + ")");
    q.use(at).use(n).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

}  // namespace authly::store::sql
