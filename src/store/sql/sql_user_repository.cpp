#include "store/sql/sql_user_repository.hpp"

#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns =
    "id, username, email, email_verified, password_hash, given_name, family_name, is_admin, is_active, "
    "created_at, updated_at, last_login_at, profile";

struct UserRow {
  User user;
  int email_verified = 0;
  int is_admin = 0;
  int is_active = 0;
  long long created_at = 0;
  long long updated_at = 0;
  OptionalTime last_login_at;

  void bind(Query& q) {
    q.into(user.id).into(user.username).into(user.email).into(email_verified).into(user.password_hash);
    q.into(user.given_name).into(user.family_name).into(is_admin).into(is_active).into(created_at).into(updated_at);
    q.into(last_login_at.seconds, last_login_at.ind).into(user.profile);
  }
  User take() {
    user.email_verified = email_verified != 0;
    user.is_admin = is_admin != 0;
    user.is_active = is_active != 0;
    user.created_at = core::from_unix(created_at);
    user.updated_at = core::from_unix(updated_at);
    user.last_login_at = last_login_at.get();
    return std::move(user);
  }
};

}  // namespace

void SqlUserRepository::create(const User& u) {
  db_.run([&](Connection& s) {
    int email_verified = u.email_verified ? 1 : 0;
    int is_admin = u.is_admin ? 1 : 0;
    int is_active = u.is_active ? 1 : 0;
    long long created_at = unix_seconds(u.created_at);
    long long updated_at = unix_seconds(u.updated_at);
    OptionalTime last_login_at(u.last_login_at);
    Query q(s, std::string("INSERT INTO users (") + kColumns +
                   ") VALUES (:id, :username, :email, :ev, :ph, :gn, :fn, :adm, :act, :ca, :ua, :ll, :pr)");
    q.use(u.id).use(u.username).use(u.email).use(email_verified).use(u.password_hash).use(u.given_name);
    q.use(u.family_name).use(is_admin).use(is_active).use(created_at).use(updated_at);
    q.use(last_login_at.seconds, last_login_at.ind).use(u.profile);
    q.run();
  });
}

std::optional<User> SqlUserRepository::find_where(const char* condition, const std::string& value) {
  return db_.with([&](Connection& s) -> std::optional<User> {
    UserRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM users WHERE " + condition);
    row.bind(q);
    q.use(value);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::optional<User> SqlUserRepository::find_by_id(const std::string& id) { return find_where("id = :id", id); }

// lower() on both sides matches the unique index on lower(username) (and uses it).
std::optional<User> SqlUserRepository::find_by_username(const std::string& username) {
  return find_where("lower(username) = lower(:u)", username);
}

// email <> '' lets the planner use the partial index, and keeps "" from matching users without one.
std::optional<User> SqlUserRepository::find_by_email(const std::string& email) {
  return find_where("lower(email) = lower(:e) AND email <> ''", email);
}

std::vector<User> SqlUserRepository::list(int limit, int offset) {
  return db_.with([&](Connection& s) {
    std::vector<User> users;
    UserRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM users ORDER BY created_at, id LIMIT :l OFFSET :o");
    row.bind(q);
    q.use(limit).use(offset);
    if (q.run()) {
      do users.push_back(row.take());
      while (q.next());
    }
    return users;
  });
}

std::int64_t SqlUserRepository::count() {
  return db_.with([&](Connection& s) {
    long long n = 0;
    Query(s, "SELECT count(*) FROM users").into(n).run();
    return static_cast<std::int64_t>(n);
  });
}

bool SqlUserRepository::update(const User& u) {
  return db_.with([&](Connection& s) {
    int email_verified = u.email_verified ? 1 : 0;
    int is_admin = u.is_admin ? 1 : 0;
    int is_active = u.is_active ? 1 : 0;
    long long updated_at = unix_seconds(u.updated_at);
    OptionalTime last_login_at(u.last_login_at);
    Query q(s,
            "UPDATE users SET username = :username, email = :email, email_verified = :ev, password_hash = :ph, "
            "given_name = :gn, family_name = :fn, is_admin = :adm, is_active = :act, updated_at = :ua, "
            "last_login_at = :ll, profile = :pr WHERE id = :id");
    q.use(u.username).use(u.email).use(email_verified).use(u.password_hash).use(u.given_name).use(u.family_name);
    q.use(is_admin).use(is_active).use(updated_at).use(last_login_at.seconds, last_login_at.ind).use(u.profile);
    q.use(u.id);
    q.run();
    return q.affected_rows() > 0;
  });
}

bool SqlUserRepository::set_active(const std::string& id, bool active, TimePoint now) {
  return db_.with([&](Connection& s) {
    int flag = active ? 1 : 0;
    long long at = unix_seconds(now);
    Query q(s, "UPDATE users SET is_active = :a, updated_at = :now WHERE id = :id");
    q.use(flag).use(at).use(id).run();
    return q.affected_rows() > 0;
  });
}

bool SqlUserRepository::record_login(const std::string& id, TimePoint now) {
  return db_.with([&](Connection& s) {
    long long at = unix_seconds(now);
    Query q(s, "UPDATE users SET last_login_at = :now WHERE id = :id");
    q.use(at).use(id).run();
    return q.affected_rows() > 0;
  });
}

// ON DELETE CASCADE takes the user's sessions, consents, codes and refresh tokens with it.
bool SqlUserRepository::remove(const std::string& id) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM users WHERE id = :id");
    q.use(id).run();
    return q.affected_rows() > 0;
  });
}

}  // namespace authly::store::sql
