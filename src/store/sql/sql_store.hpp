#pragma once
// The SOCI Store: every repository over one pool, for SQLite and PostgreSQL alike.
#include <memory>

#include "store/sql/pool.hpp"
#include "store/sql/session_source.hpp"
#include "store/sql/sql_audit_repository.hpp"
#include "store/sql/sql_authorization_code_repository.hpp"
#include "store/sql/sql_client_repository.hpp"
#include "store/sql/sql_consent_repository.hpp"
#include "store/sql/sql_interaction_repository.hpp"
#include "store/sql/sql_scope_repository.hpp"
#include "store/sql/sql_session_repository.hpp"
#include "store/sql/sql_signing_key_repository.hpp"
#include "store/sql/sql_token_repository.hpp"
#include "store/sql/sql_user_repository.hpp"
#include "store/store.hpp"

namespace authly::store::sql {

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Pool> pool);
  ~SqlStore() override;

  UserRepository& users() override { return users_; }
  ClientRepository& clients() override { return clients_; }
  ScopeRepository& scopes() override { return scopes_; }
  AuthorizationCodeRepository& codes() override { return codes_; }
  TokenRepository& tokens() override { return tokens_; }
  SigningKeyRepository& keys() override { return keys_; }
  SessionRepository& sessions() override { return sessions_; }
  ConsentRepository& consents() override { return consents_; }
  InteractionRepository& interactions() override { return interactions_; }
  AuditRepository& audit() override { return audit_; }

  // SQLite: BEGIN IMMEDIATE, so the transaction holds the write lock from the start and cannot
  // deadlock against another writer halfway through. PostgreSQL: BEGIN (read committed).
  // Inside fn, use only the Store it is given: the outer one would lease a second connection,
  // which on SQLite waits for this transaction's lock.
  void transaction(const std::function<void(Store&)>& fn) override;

  std::vector<MigrationInfo> migration_status() override;
  // Throws StoreError inside a transaction: each migration commits on its own.
  std::vector<MigrationInfo> migrate() override;

  // SELECT 1 on a pooled connection. Never hangs: waiting for a free connection, reopening a lost
  // one and the query itself are each bounded by connect_timeout_ms.
  std::vector<CacheVersion> cache_versions() override;
  bool ping() noexcept override;
  PoolStats pool_stats() const noexcept override { return pool_.stats(); }
  std::string backend() const override { return std::string(backend_name(pool_.backend())); }

 private:
  SqlStore(Pool& pool, Lease& lease);  // the Store a transaction's fn receives

  std::unique_ptr<Pool> owned_pool_;
  Pool& pool_;
  Lease* lease_ = nullptr;  // set inside a transaction
  std::unique_ptr<SessionSource> source_;
  SqlUserRepository users_;
  SqlClientRepository clients_;
  SqlScopeRepository scopes_;
  SqlAuthorizationCodeRepository codes_;
  SqlTokenRepository tokens_;
  SqlSigningKeyRepository keys_;
  SqlSessionRepository sessions_;
  SqlConsentRepository consents_;
  SqlInteractionRepository interactions_;
  SqlAuditRepository audit_;
};

}  // namespace authly::store::sql
