#pragma once
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual std::int64_t append(const AuditEvent& event) = 0;  // returns the new id
  // Appends every event, in order (ids increase in this order). The SQL store writes them in a few
  // multi-row INSERTs: the background audit writer's batches cost one statement per 16 events
  // instead of one per event. This default appends one by one.
  virtual void append_all(const std::vector<AuditEvent>& events) {
    for (const auto& e : events) append(e);
  }
  virtual std::vector<AuditEvent> list_recent(int limit) = 0;  // newest first
};

}  // namespace authly::store
