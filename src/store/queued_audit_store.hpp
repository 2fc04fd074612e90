#pragma once
// A Store whose audit events, when appended outside a transaction, go through the AuditWriter
// instead of a transaction of their own (DESIGN.md §5: no synchronous durable write where none is
// needed). Everything else passes through to the wrapped store.
//
// Events appended inside transaction() still commit with the change they record: they add a row to
// a transaction that is durable anyway, no extra fsync.
//
// audit().list_recent() first waits for the events this instance has queued, so that a reader sees
// its own instance's events; ids follow write order, `at` is when the event happened.
#include <memory>

#include "store/audit_writer.hpp"
#include "store/store.hpp"

namespace authly::store {

class QueuedAuditStore final : public Store {
 public:
  QueuedAuditStore(std::unique_ptr<Store> inner, AuditWriterOptions options);
  ~QueuedAuditStore() override;  // stops the writer, writing what is queued

  AuditWriter& writer() noexcept { return writer_; }

  UserRepository& users() override { return inner_->users(); }
  ClientRepository& clients() override { return inner_->clients(); }
  ScopeRepository& scopes() override { return inner_->scopes(); }
  AuthorizationCodeRepository& codes() override { return inner_->codes(); }
  TokenRepository& tokens() override { return inner_->tokens(); }
  SigningKeyRepository& keys() override { return inner_->keys(); }
  SessionRepository& sessions() override { return inner_->sessions(); }
  ConsentRepository& consents() override { return inner_->consents(); }
  InteractionRepository& interactions() override { return inner_->interactions(); }
  AuditRepository& audit() override { return audit_; }

  void transaction(const std::function<void(Store&)>& fn) override { inner_->transaction(fn); }
  std::vector<MigrationInfo> migration_status() override { return inner_->migration_status(); }
  std::vector<MigrationInfo> migrate() override { return inner_->migrate(); }
  std::vector<CacheVersion> cache_versions() override { return inner_->cache_versions(); }
  bool ping() noexcept override { return inner_->ping(); }
  PoolStats pool_stats() const noexcept override { return inner_->pool_stats(); }
  std::string backend() const override { return inner_->backend(); }

 private:
  class QueuedAudit final : public AuditRepository {
   public:
    QueuedAudit(Store& inner, AuditWriter& writer) : inner_(inner), writer_(writer) {}
    // Queues the event; returns 0 (its id is assigned when the batch is written).
    std::int64_t append(const AuditEvent& event) override;
    std::vector<AuditEvent> list_recent(int limit) override;

   private:
    Store& inner_;
    AuditWriter& writer_;
  };

  std::unique_ptr<Store> inner_;
  AuditWriter writer_;
  QueuedAudit audit_;
};

}  // namespace authly::store
