#pragma once
// A Store that forwards to another and records what the audit writer does with it: transactions,
// audit rows per transaction, appends outside a transaction. Its transactions can be held (to fill
// a queue deterministically) or made to fail.
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "store/store.hpp"

namespace authly::test {

class RecordingStore final : public store::Store {
 public:
  explicit RecordingStore(store::Store& inner) : inner_(inner) {}

  store::UserRepository& users() override { return inner_.users(); }
  store::ClientRepository& clients() override { return inner_.clients(); }
  store::ScopeRepository& scopes() override { return inner_.scopes(); }
  store::AuthorizationCodeRepository& codes() override { return inner_.codes(); }
  store::TokenRepository& tokens() override { return inner_.tokens(); }
  store::SigningKeyRepository& keys() override { return inner_.keys(); }
  store::SessionRepository& sessions() override { return inner_.sessions(); }
  store::ConsentRepository& consents() override { return inner_.consents(); }
  store::InteractionRepository& interactions() override { return inner_.interactions(); }
  store::AuditRepository& audit() override { return audit_; }
  std::vector<store::MigrationInfo> migration_status() override { return inner_.migration_status(); }
  std::vector<store::MigrationInfo> migrate() override { return inner_.migrate(); }
  std::vector<store::CacheVersion> cache_versions() override { return inner_.cache_versions(); }
  bool ping() noexcept override { return inner_.ping(); }
  store::PoolStats pool_stats() const noexcept override { return inner_.pool_stats(); }
  std::string backend() const override { return inner_.backend(); }

  void transaction(const std::function<void(store::Store&)>& fn) override {
    {
      std::unique_lock lock(mutex_);
      ++entered_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return !held_; });
      if (failures_left_ > 0) {
        --failures_left_;
        throw store::StoreError("recording store: failing as told");
      }
    }
    std::size_t rows = 0;
    inner_.transaction([&](store::Store& tx) {
      Counting counting(tx.audit(), rows);
      Tx view(tx, counting);
      fn(view);
    });
    std::lock_guard lock(mutex_);
    batches_.push_back(rows);
  }

  void hold() {
    std::lock_guard lock(mutex_);
    held_ = true;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      held_ = false;
    }
    changed_.notify_all();
  }
  // Blocks until `n` transactions have been started (held or not).
  void wait_entered(std::size_t n) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return entered_ >= n; });
  }
  void fail_next(int n) {
    std::lock_guard lock(mutex_);
    failures_left_ = n;
  }
  // Audit rows appended per committed transaction, in commit order.
  std::vector<std::size_t> batches() const {
    std::lock_guard lock(mutex_);
    return batches_;
  }
  std::size_t direct_appends() const {
    std::lock_guard lock(mutex_);
    return direct_;
  }

 private:
  class Counting final : public store::AuditRepository {
   public:
    Counting(store::AuditRepository& target, std::size_t& count) : target_(target), count_(count) {}
    std::int64_t append(const store::AuditEvent& e) override {
      ++count_;
      return target_.append(e);
    }
    std::vector<store::AuditEvent> list_recent(int limit) override { return target_.list_recent(limit); }

   private:
    store::AuditRepository& target_;
    std::size_t& count_;
  };
  class Direct final : public store::AuditRepository {
   public:
    explicit Direct(RecordingStore& owner) : owner_(owner) {}
    std::int64_t append(const store::AuditEvent& e) override {
      {
        std::lock_guard lock(owner_.mutex_);
        ++owner_.direct_;
      }
      return owner_.inner_.audit().append(e);
    }
    std::vector<store::AuditEvent> list_recent(int limit) override { return owner_.inner_.audit().list_recent(limit); }

   private:
    RecordingStore& owner_;
  };
  // The transaction's store with its audit appends counted.
  class Tx final : public store::Store {
   public:
    Tx(store::Store& tx, store::AuditRepository& audit) : tx_(tx), audit_(audit) {}
    store::UserRepository& users() override { return tx_.users(); }
    store::ClientRepository& clients() override { return tx_.clients(); }
    store::ScopeRepository& scopes() override { return tx_.scopes(); }
    store::AuthorizationCodeRepository& codes() override { return tx_.codes(); }
    store::TokenRepository& tokens() override { return tx_.tokens(); }
    store::SigningKeyRepository& keys() override { return tx_.keys(); }
    store::SessionRepository& sessions() override { return tx_.sessions(); }
    store::ConsentRepository& consents() override { return tx_.consents(); }
    store::InteractionRepository& interactions() override { return tx_.interactions(); }
    store::AuditRepository& audit() override { return audit_; }
    void transaction(const std::function<void(store::Store&)>& fn) override { fn(*this); }
    std::vector<store::MigrationInfo> migration_status() override { return tx_.migration_status(); }
    std::vector<store::MigrationInfo> migrate() override { return tx_.migrate(); }
    std::vector<store::CacheVersion> cache_versions() override { return tx_.cache_versions(); }
    bool ping() noexcept override { return tx_.ping(); }
    store::PoolStats pool_stats() const noexcept override { return tx_.pool_stats(); }
    std::string backend() const override { return tx_.backend(); }

   private:
    store::Store& tx_;
    store::AuditRepository& audit_;
  };

  store::Store& inner_;
  Direct audit_{*this};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool held_ = false;
  int failures_left_ = 0;
  std::size_t entered_ = 0;
  std::size_t direct_ = 0;
  std::vector<std::size_t> batches_;
};

}  // namespace authly::test
