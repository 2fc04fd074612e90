#pragma once
// The Store the application uses: clients, scopes, signing keys and the access-token deny-list are
// served from memory, everything else passes through to the wrapped Store.
//
// Staleness: a write through this object is visible to its next read. A write made elsewhere (the
// CLI, another instance) is visible within max_staleness: every cached read first asks the
// VersionGate, which re-reads the database's cache_versions (bumped by triggers in the writing
// transaction) at most once per max_staleness. expire_all() shortens that to the next read (Redis
// invalidation messages). When the check cannot run, reads throw StoreError, as uncached reads would.
#include <chrono>
#include <memory>

#include "core/clock.hpp"
#include "store/cached/cached_client_repository.hpp"
#include "store/cached/cached_scope_repository.hpp"
#include "store/cached/cached_signing_key_repository.hpp"
#include "store/cached/cached_token_repository.hpp"
#include "store/cached/change_listener.hpp"
#include "store/cached/version_gate.hpp"
#include "store/store.hpp"

namespace authly::store::cached {

struct CacheOptions {
  std::chrono::milliseconds max_staleness{1'000};
};

class CachedStore final : public Store {
 public:
  CachedStore(std::unique_ptr<Store> inner, const core::Clock& clock, CacheOptions options);

  UserRepository& users() override { return inner_->users(); }
  ClientRepository& clients() override { return clients_; }
  ScopeRepository& scopes() override { return scopes_; }
  AuthorizationCodeRepository& codes() override { return inner_->codes(); }
  TokenRepository& tokens() override { return tokens_; }
  SigningKeyRepository& keys() override { return keys_; }
  SessionRepository& sessions() override { return inner_->sessions(); }
  ConsentRepository& consents() override { return inner_->consents(); }
  InteractionRepository& interactions() override { return inner_->interactions(); }
  AuditRepository& audit() override { return inner_->audit(); }

  // fn runs on the wrapped Store's transaction, uncached (it must see its own writes). Afterwards,
  // committed or not, the next cached read checks the versions: the triggers tell whether fn
  // changed a cached table.
  void transaction(const std::function<void(Store&)>& fn) override;

  std::vector<MigrationInfo> migration_status() override { return inner_->migration_status(); }
  std::vector<MigrationInfo> migrate() override;
  std::vector<CacheVersion> cache_versions() override { return inner_->cache_versions(); }
  bool ping() noexcept override { return inner_->ping(); }
  PoolStats pool_stats() const noexcept override { return inner_->pool_stats(); }
  std::string backend() const override { return inner_->backend(); }

  // Called after each local write to a cached table (set before serving; not thread-safe to change).
  void on_change(ChangeListener listener) { changed_ = std::move(listener); }
  // The next cached read checks the database's versions (an invalidation from another instance).
  void expire_all() noexcept { gate_.expire(); }

 private:
  std::unique_ptr<Store> inner_;
  ChangeListener changed_;
  VersionGate gate_;
  CachedClientRepository clients_;
  CachedScopeRepository scopes_;
  CachedTokenRepository tokens_;
  CachedSigningKeyRepository keys_;
};

}  // namespace authly::store::cached
