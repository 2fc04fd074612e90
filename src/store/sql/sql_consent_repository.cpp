#include "store/sql/sql_consent_repository.hpp"

#include "store/sql/query.hpp"

namespace authly::store::sql {

namespace {

constexpr const char* kColumns = "user_id, client_id, scope, created_at, updated_at, claims";

struct ConsentRow {
  Consent consent;
  long long created_at = 0;
  long long updated_at = 0;

  void bind(Query& q) {
    q.into(consent.user_id).into(consent.client_id).into(consent.scope).into(created_at).into(updated_at);
    q.into(consent.claims);
  }
  Consent take() {
    consent.created_at = core::from_unix(created_at);
    consent.updated_at = core::from_unix(updated_at);
    return std::move(consent);
  }
};

}  // namespace

std::optional<Consent> SqlConsentRepository::find(const std::string& user_id, const std::string& client_id) {
  return db_.with([&](Connection& s) -> std::optional<Consent> {
    ConsentRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM consents WHERE user_id = :uid AND client_id = :cid");
    row.bind(q);
    q.use(user_id).use(client_id);
    if (!q.run()) return std::nullopt;
    return row.take();
  });
}

// A new grant replaces the scope and claim sets; the first grant's created_at is kept.
void SqlConsentRepository::upsert(const Consent& c) {
  db_.run([&](Connection& s) {
    long long created_at = unix_seconds(c.created_at);
    long long updated_at = unix_seconds(c.updated_at);
    Query q(s, std::string("INSERT INTO consents (") + kColumns +
                   ") VALUES (:uid, :cid, :scope, :ca, :ua, :claims) ON CONFLICT (user_id, client_id) "
                   "DO UPDATE SET scope = excluded.scope, updated_at = excluded.updated_at, claims = excluded.claims");
    q.use(c.user_id).use(c.client_id).use(c.scope).use(created_at).use(updated_at).use(c.claims).run();
  });
}

bool SqlConsentRepository::remove(const std::string& user_id, const std::string& client_id) {
  return db_.with([&](Connection& s) {
    Query q(s, "DELETE FROM consents WHERE user_id = :uid AND client_id = :cid");
    q.use(user_id).use(client_id).run();
    return q.affected_rows() > 0;
  });
}

std::vector<Consent> SqlConsentRepository::list_for_user(const std::string& user_id) {
  return db_.with([&](Connection& s) {
    std::vector<Consent> consents;
    ConsentRow row;
    Query q(s, std::string("SELECT ") + kColumns + " FROM consents WHERE user_id = :uid ORDER BY client_id");
    row.bind(q);
    q.use(user_id);
    if (q.run()) {
      do consents.push_back(row.take());
      while (q.next());
    }
    return consents;
  });
}

}  // namespace authly::store::sql
