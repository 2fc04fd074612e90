#include "store/sql/sql_scope_repository.hpp"

#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

struct ScopeRow {
  Scope scope;
  int is_default = 0;
  long long created_at = 0;

  void bind(Query& q) { q.into(scope.name).into(scope.description).into(is_default).into(created_at); }
  Scope take() {
    scope.is_default = is_default != 0;
    scope.created_at = core::from_unix(created_at);
    return std::move(scope);
  }
};

}  // namespace

void SqlScopeRepository::create(const Scope& scope) {
  db_.run([&](Connection& s) {
    int is_default = scope.is_default ? 1 : 0;
    long long created_at = unix_seconds(scope.created_at);
    Query q(s, "INSERT INTO scopes (name, description, is_default, created_at) VALUES (:n, :d, :def, :ca)");
    q.use(scope.name).use(scope.description).use(is_default).use(created_at).run();
  });
}

std::optional<Scope> SqlScopeRepository::find(const std::string& name) {
  return db_.with([&](Connection& s) -> std::optional<Scope> {
    ScopeRow row;
    Query q(s, "SELECT name, description, is_default, created_at FROM scopes WHERE name = :n");
    row.bind(q);
    q.use(name);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

std::vector<Scope> SqlScopeRepository::list() {
  return db_.with([&](Connection& s) {
    std::vector<Scope> scopes;
    ScopeRow row;
    Query q(s, "SELECT name, description, is_default, created_at FROM scopes ORDER BY name");
    row.bind(q);
    if (q.run()) {
      do scopes.push_back(row.take());
      while (q.next());
    }
    return scopes;
  });
}

bool SqlScopeRepository::remove(const std::string& name) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM scopes WHERE name = :n");
    q.use(name).run();
    return q.affected_rows() > 0;
  });
}

}  // namespace authly::store::sql
