#include "store/sql/sql_audit_repository.hpp"

#include "store/errors.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

std::int64_t SqlAuditRepository::append(const AuditEvent& e) {
  return db_.with([&](soci::session& s) {
    long long at = unix_seconds(e.at);
    long long id = 0;
    Query q(s,
            "INSERT INTO audit_events (at, type, actor, subject, ip, detail) "
            "VALUES (:at, :type, :actor, :subject, :ip, :detail) RETURNING id");
    q.use(at).use(e.type).use(e.actor).use(e.subject).use(e.ip).use(e.detail).into(id);
    if (!q.run()) throw StoreError("audit insert returned no id");
    return static_cast<std::int64_t>(id);
  });
}

// By id, not time: ids grow in insertion order, times may tie within a second.
std::vector<AuditEvent> SqlAuditRepository::list_recent(int limit) {
  return db_.with([&](soci::session& s) {
    std::vector<AuditEvent> events;
    AuditEvent e;
    long long id = 0;
    long long at = 0;
    Query q(s, "SELECT id, at, type, actor, subject, ip, detail FROM audit_events ORDER BY id DESC LIMIT :l");
    q.into(id).into(at).into(e.type).into(e.actor).into(e.subject).into(e.ip).into(e.detail).use(limit);
    if (q.run()) {
      do {
        e.id = id;
        e.at = core::from_unix(at);
        events.push_back(e);
      } while (q.next());
    }
    return events;
  });
}

}  // namespace authly::store::sql
