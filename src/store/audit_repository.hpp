#pragma once
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual std::int64_t append(const AuditEvent& event) = 0;  // returns the new id
  virtual std::vector<AuditEvent> list_recent(int limit) = 0;  // newest first
};

}  // namespace authly::store
