#include "store/sql/sql_signing_key_repository.hpp"

#include "store/errors.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "kid, alg, state, public_jwk, private_key_enc, created_at, activated_at, retired_at, remove_after";

struct KeyRow {
  SigningKey key;
  std::string state;
  long long created_at = 0;
  OptionalTime activated_at;
  OptionalTime retired_at;
  OptionalTime remove_after;

  void bind(Query& q) {
    q.into(key.kid).into(key.alg).into(state).into(key.public_jwk).into(key.private_key_enc).into(created_at);
    q.into(activated_at.seconds, activated_at.ind).into(retired_at.seconds, retired_at.ind);
    q.into(remove_after.seconds, remove_after.ind);
  }
  SigningKey take() {
    auto s = key_state_from_string(state);
    if (!s) throw StoreError("signing key " + key.kid + " has an unknown state '" + state + "'");
    key.state = *s;
    key.created_at = core::from_unix(created_at);
    key.activated_at = activated_at.get();
    key.retired_at = retired_at.get();
    key.remove_after = remove_after.get();
    return std::move(key);
  }
};

}  // namespace

void SqlSigningKeyRepository::create(const SigningKey& k) {
  db_.run([&](Connection& s) {
    std::string state(to_string(k.state));
    long long created_at = unix_seconds(k.created_at);
    OptionalTime activated_at(k.activated_at);
    OptionalTime retired_at(k.retired_at);
    OptionalTime remove_after(k.remove_after);
    Query q(s, std::string("INSERT INTO signing_keys (") + kColumns +
                   ") VALUES (:kid, :alg, :state, :pub, :priv, :ca, :aa, :ra, :rma)");
    q.use(k.kid).use(k.alg).use(state).use(k.public_jwk).use(k.private_key_enc).use(created_at);
    q.use(activated_at.seconds, activated_at.ind).use(retired_at.seconds, retired_at.ind);
    q.use(remove_after.seconds, remove_after.ind).run();
  });
}

std::optional<SigningKey> SqlSigningKeyRepository::find(const std::string& kid) {
  return db_.with([&](Connection& s) -> std::optional<SigningKey> {
    KeyRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM signing_keys WHERE kid = :kid");
    row.bind(q);
    q.use(kid);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::vector<SigningKey> SqlSigningKeyRepository::list() {
  return db_.with([&](Connection& s) {
    std::vector<SigningKey> keys;
    KeyRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM signing_keys ORDER BY created_at, kid");
    row.bind(q);
    if (q.run()) {
      do keys.push_back(row.take());
      while (q.next());
    }
    return keys;
  });
}

// Compare-and-set on state. Entering "active" stamps activated_at, entering "retired" stamps
// retired_at; remove_after is set when given and kept otherwise.
bool SqlSigningKeyRepository::transition(const std::string& kid, KeyState from, KeyState to, TimePoint now,
                                         std::optional<TimePoint> remove_after) {
  return db_.with([&](Connection& s) {
    std::string to_state(to_string(to));
    std::string from_state(to_string(from));
    long long at = unix_seconds(now);
    long long removal = remove_after ? unix_seconds(*remove_after) : 0;
    std::string sql = "UPDATE signing_keys SET state = :to";
    if (to == KeyState::active) sql += ", activated_at = :now";
    if (to == KeyState::retired) sql += ", retired_at = :now";
    if (remove_after) sql += ", remove_after = :rma";
    sql += " WHERE kid = :kid AND state = :from";
    Query q(s, sql);
    q.use(to_state);
    if (to != KeyState::next) q.use(at);
    if (remove_after) q.use(removal);
    q.use(kid).use(from_state).run();
    return q.affected_rows() > 0;
  });
}

bool SqlSigningKeyRepository::remove(const std::string& kid) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM signing_keys WHERE kid = :kid");
    q.use(kid).run();
    return q.affected_rows() > 0;
  });
}

}  // namespace authly::store::sql
