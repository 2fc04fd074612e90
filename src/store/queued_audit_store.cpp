#include "store/queued_audit_store.hpp"

namespace authly::store {

QueuedAuditStore::QueuedAuditStore(std::unique_ptr<Store> inner, AuditWriterOptions options)
    : inner_(std::move(inner)), writer_(*inner_, std::move(options)), audit_(*inner_, writer_) {}

QueuedAuditStore::~QueuedAuditStore() { writer_.stop(); }

std::int64_t QueuedAuditStore::QueuedAudit::append(const AuditEvent& event) {
  writer_.enqueue(event);
  return 0;
}

std::vector<AuditEvent> QueuedAuditStore::QueuedAudit::list_recent(int limit) {
  writer_.flush();  // best effort: a failed write shows in the writer's log, the rows read are still true
  return inner_.audit().list_recent(limit);
}

}  // namespace authly::store
