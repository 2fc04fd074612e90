#pragma once
#include "store/audit_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(SessionSource& db) : db_(db) {}
  std::int64_t append(const AuditEvent& event) override;
  std::vector<AuditEvent> list_recent(int limit) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
