#pragma once
#include "store/audit_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(SessionSource& db) : db_(db) {}
  // 96 bound values per statement. More rows would not pay: SQLite looks named parameters up by a
  // linear search, so a statement with 600 of them spent its time in sqlite3VListNumToName.
  static constexpr std::size_t kRowsPerInsert = 16;

  std::int64_t append(const AuditEvent& event) override;
  void append_all(const std::vector<AuditEvent>& events) override;
  std::vector<AuditEvent> list_recent(int limit) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
