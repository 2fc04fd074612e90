#include "store/sql/sql_audit_repository.hpp"

#include <algorithm>

#include "store/errors.hpp"
#include "store/sql/query.hpp"

namespace authly::store::sql {

std::int64_t SqlAuditRepository::append(const AuditEvent& e) {
  return db_.with([&](Connection& s) {
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

void SqlAuditRepository::append_all(const std::vector<AuditEvent>& events) {
  for (std::size_t first = 0; first < events.size(); first += kRowsPerInsert) {
    const std::size_t n = std::min(kRowsPerInsert, events.size() - first);
    db_.run([&](Connection& s) {
      // Every bind parameter has its own name: binding is positional (store/sql/query.hpp).
      std::string sql = "INSERT INTO audit_events (at, type, actor, subject, ip, detail) VALUES ";
      for (std::size_t i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        if (i > 0) sql += ", ";
        sql += "(:at" + k + ", :ty" + k + ", :ac" + k + ", :su" + k + ", :ip" + k + ", :de" + k + ")";
      }
      std::vector<long long> at(n);  // bound by reference: must outlive run()
      Query q(s, std::move(sql));
      for (std::size_t i = 0; i < n; ++i) {
        const AuditEvent& e = events[first + i];
        at[i] = unix_seconds(e.at);
        q.use(at[i]).use(e.type).use(e.actor).use(e.subject).use(e.ip).use(e.detail);
      }
      q.run();
    });
  }
}

// By id, not time: ids grow in insertion order, times may tie within a second.
std::vector<AuditEvent> SqlAuditRepository::list_recent(int limit) {
  return db_.with([&](Connection& s) {
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
