#include "store/sql/sql_interaction_repository.hpp"

#include "store/sql/batch_delete.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns = "id_hash, client_id, params, csrf_hash, user_id, auth_time, created_at, expires_at";

struct InteractionRow {
  Interaction interaction;
  OptionalText user_id;
  OptionalTime auth_time;
  long long created_at = 0;
  long long expires_at = 0;

  void bind(Query& q) {
    q.into(interaction.id_hash).into(interaction.client_id).into(interaction.params).into(interaction.csrf_hash);
    q.into(user_id.value, user_id.ind).into(auth_time.seconds, auth_time.ind).into(created_at).into(expires_at);
  }
  Interaction take() {
    interaction.user_id = user_id.get();
    interaction.auth_time = auth_time.get();
    interaction.created_at = core::from_unix(created_at);
    interaction.expires_at = core::from_unix(expires_at);
    return std::move(interaction);
  }
};

}  // namespace

void SqlInteractionRepository::create(const Interaction& x) {
  db_.run([&](Connection& s) {
    OptionalText user_id(x.user_id);
    OptionalTime auth_time(x.auth_time);
    long long created_at = unix_seconds(x.created_at);
    long long expires_at = unix_seconds(x.expires_at);
    Query q(s, std::string("INSERT INTO interactions (") + kColumns +
                   ") VALUES (:idh, :cid, :params, :csrf, :uid, :at, :ca, :ea)");
    q.use(x.id_hash).use(x.client_id).use(x.params).use(x.csrf_hash).use(user_id.value, user_id.ind);
    q.use(auth_time.seconds, auth_time.ind).use(created_at).use(expires_at).run();
  });
}

std::optional<Interaction> SqlInteractionRepository::find_active(const std::string& id_hash, TimePoint now) {
  return db_.with([&](Connection& s) -> std::optional<Interaction> {
    long long at = unix_seconds(now);
    InteractionRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM interactions WHERE id_hash = :idh AND expires_at > :now");
    row.bind(q);
    q.use(id_hash).use(at);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

bool SqlInteractionRepository::set_user(const std::string& id_hash, const std::string& user_id, TimePoint auth_time,
                                        TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(auth_time);
    long long current = unix_seconds(now);
    Query q(s, "UPDATE interactions SET user_id = :uid, auth_time = :at WHERE id_hash = :idh AND expires_at > :now");
    q.use(user_id).use(at).use(id_hash).use(current).run();
    return q.affected_rows() > 0;
  });
}

bool SqlInteractionRepository::set_csrf(const std::string& id_hash, const std::string& csrf_hash, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long current = unix_seconds(now);
    Query q(s, "UPDATE interactions SET csrf_hash = :csrf WHERE id_hash = :idh AND expires_at > :now");
    q.use(csrf_hash).use(id_hash).use(current).run();
    return q.affected_rows() > 0;
  });
}

std::optional<Interaction> SqlInteractionRepository::complete(const std::string& id_hash, TimePoint now) {
  return db_.with([&](Connection& s) -> std::optional<Interaction> {
    long long at = unix_seconds(now);
    InteractionRow row;
    Query q(s,
            std::string("DELETE FROM interactions WHERE id_hash = :idh AND expires_at > :now RETURNING ") + kColumns);
    q.use(id_hash).use(at);
    row.bind(q);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

bool SqlInteractionRepository::remove(const std::string& id_hash) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM interactions WHERE id_hash = :idh");
    q.use(id_hash).run();
    return q.affected_rows() > 0;
  });
}

std::int64_t SqlInteractionRepository::delete_expired(TimePoint before, std::int64_t limit) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(before);
    long long n = limit;
    const std::string lock = skip_locked(db_.backend());
    Query q(s,
            "DELETE FROM interactions WHERE id_hash IN (SELECT id_hash FROM interactions WHERE expires_at <= :b "
            "LIMIT :n" +
                lock + ")");
    q.use(at).use(n).run();
    return static_cast<std::int64_t>(q.affected_rows());
  });
}

}  // namespace authly::store::sql
