// The in-process caches (store/cached) on SQLite and PostgreSQL: a change made through the cached
// store is seen at once, one made by another process on the same database (the CLI, another
// instance) within cache.max_staleness_ms and not before the database's version moves, and a
// version check that cannot run fails closed.
#include <gtest/gtest.h>

#include <atomic>

#include "core/clock.hpp"
#include "store/cached/cached_store.hpp"
#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

constexpr std::chrono::milliseconds kBound{1'000};

// Counts the version checks that reach the database.
class CountingStore final : public store::Store {
 public:
  explicit CountingStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}
  store::UserRepository& users() override { return inner_->users(); }
  store::ClientRepository& clients() override { return inner_->clients(); }
  store::ScopeRepository& scopes() override { return inner_->scopes(); }
  store::AuthorizationCodeRepository& codes() override { return inner_->codes(); }
  store::TokenRepository& tokens() override { return inner_->tokens(); }
  store::SigningKeyRepository& keys() override { return inner_->keys(); }
  store::SessionRepository& sessions() override { return inner_->sessions(); }
  store::ConsentRepository& consents() override { return inner_->consents(); }
  store::InteractionRepository& interactions() override { return inner_->interactions(); }
  store::AuditRepository& audit() override { return inner_->audit(); }
  void transaction(const std::function<void(Store&)>& fn) override { inner_->transaction(fn); }
  std::vector<store::MigrationInfo> migration_status() override { return inner_->migration_status(); }
  std::vector<store::MigrationInfo> migrate() override { return inner_->migrate(); }
  std::vector<store::CacheVersion> cache_versions() override {
    ++checks;
    return inner_->cache_versions();
  }
  bool ping() noexcept override { return inner_->ping(); }
  store::PoolStats pool_stats() const noexcept override { return inner_->pool_stats(); }
  std::string backend() const override { return inner_->backend(); }

  std::atomic<int> checks{0};

 private:
  std::unique_ptr<store::Store> inner_;
};

store::SigningKey make_key(const std::string& kid) {
  store::SigningKey k;
  k.kid = kid;
  k.alg = "ES256";
  k.public_jwk = R"({"kty":"EC","crv":"P-256","kid":")" + kid + R"("})";
  k.private_key_enc = "ciphertext-" + kid;
  k.created_at = kT0;
  return k;
}

class CacheStaleness : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    db().clients().create(make_client("c1"));
    auto counting = std::make_unique<CountingStore>(open(url_));
    counting_ = counting.get();
    cached_ =
        std::make_unique<store::cached::CachedStore>(std::move(counting), clock_, store::cached::CacheOptions{kBound});
  }
  void TearDown() override {
    cached_.reset();
    StoreContract::TearDown();
  }

  // The other process: the CLI or a second instance, writing through its own uncached store.
  store::Store& other() { return db(); }
  store::Store& cached() { return *cached_; }
  void past_the_bound() { clock_.advance(seconds(1)); }
  std::string client_name() { return cached().clients().find("c1").value().name; }

  core::FixedClock clock_{kT0};
  CountingStore* counting_ = nullptr;
  std::unique_ptr<store::cached::CachedStore> cached_;
};

INSTANTIATE_TEST_SUITE_P(Backends, CacheStaleness, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(CacheStaleness, ClientUpdatedThroughTheCachedStoreIsSeenAtOnce) {
  EXPECT_EQ(client_name(), "Client c1");
  auto c = make_client("c1");
  c.name = "Renamed";
  ASSERT_TRUE(cached().clients().update(c));
  EXPECT_EQ(client_name(), "Renamed");  // same instant: no clock advance
  ASSERT_TRUE(cached().clients().set_secret_hash("c1", "new-hash", kT0));
  EXPECT_EQ(cached().clients().find("c1")->secret_hash, "new-hash");
  ASSERT_TRUE(cached().clients().remove("c1"));
  EXPECT_FALSE(cached().clients().find("c1"));
}

TEST_P(CacheStaleness, ClientChangedByAnotherProcessIsSeenWithinTheBound) {
  EXPECT_EQ(client_name(), "Client c1");
  auto c = make_client("c1");
  c.name = "Changed by the CLI";
  ASSERT_TRUE(other().clients().update(c));
  EXPECT_EQ(client_name(), "Client c1");  // served from memory inside the bound
  past_the_bound();
  EXPECT_EQ(client_name(), "Changed by the CLI");
}

TEST_P(CacheStaleness, ClientChangeIsNotSeenBeforeTheVersionMoves) {
  EXPECT_EQ(client_name(), "Client c1");
  // A change whose version bump is undone: the bound passing alone must not reload the client.
  raw_exec("UPDATE clients SET name = 'Sneaked in' WHERE id = 'c1'");
  raw_exec("UPDATE cache_versions SET version = version - 1 WHERE name = 'clients'");
  past_the_bound();
  EXPECT_EQ(client_name(), "Client c1");
  raw_exec("UPDATE cache_versions SET version = version + 1 WHERE name = 'clients'");
  EXPECT_EQ(client_name(), "Client c1");  // the last check is younger than the bound
  past_the_bound();
  EXPECT_EQ(client_name(), "Sneaked in");
}

TEST_P(CacheStaleness, VersionIsReadAtMostOncePerBound) {
  for (int i = 0; i < 20; ++i) {
    client_name();
    cached().scopes().list();
    cached().tokens().is_access_token_denied("jti-" + std::to_string(i));
  }
  EXPECT_EQ(counting_->checks.load(), 1);
  past_the_bound();
  client_name();
  cached().tokens().is_access_token_denied("jti");
  EXPECT_EQ(counting_->checks.load(), 2);
}

TEST_P(CacheStaleness, ScopesAndKeysFollowLocalWritesAtOnceAndRemoteOnesWithinTheBound) {
  ASSERT_FALSE(cached().scopes().find("billing"));
  cached().scopes().create(store::Scope{"billing", "Billing", false, kT0});
  EXPECT_TRUE(cached().scopes().find("billing"));
  other().scopes().create(store::Scope{"reports", "Reports", false, kT0});
  EXPECT_FALSE(cached().scopes().find("reports"));
  past_the_bound();
  EXPECT_TRUE(cached().scopes().find("reports"));

  cached().keys().create(make_key("k1"));
  EXPECT_EQ(cached().keys().find("k1")->state, store::KeyState::next);
  ASSERT_TRUE(other().keys().transition("k1", store::KeyState::next, store::KeyState::active, kT0, std::nullopt));
  EXPECT_EQ(cached().keys().find("k1")->state, store::KeyState::next);
  past_the_bound();
  EXPECT_EQ(cached().keys().find("k1")->state, store::KeyState::active);
  ASSERT_TRUE(cached().keys().transition("k1", store::KeyState::active, store::KeyState::retired, kT0, kT0));
  EXPECT_EQ(cached().keys().find("k1")->state, store::KeyState::retired);
}

TEST_P(CacheStaleness, RevocationHereIsSeenAtOnce) {
  EXPECT_FALSE(cached().tokens().is_access_token_denied("jti-1"));
  cached().tokens().deny_access_token("jti-1", kT0 + seconds(600));
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-1"));
}

TEST_P(CacheStaleness, RevocationByAnotherInstanceIsRefusedWithinTheBound) {
  EXPECT_FALSE(cached().tokens().is_access_token_denied("jti-1"));
  other().tokens().deny_access_token("jti-1", kT0 + seconds(600));
  EXPECT_FALSE(cached().tokens().is_access_token_denied("jti-1"));  // inside the bound
  past_the_bound();
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-1"));
  // A second cached instance sees it on its first read.
  store::cached::CachedStore second(open(url_), clock_, store::cached::CacheOptions{kBound});
  EXPECT_TRUE(second.tokens().is_access_token_denied("jti-1"));
}

TEST_P(CacheStaleness, FamilyRevocationInATransactionIsSeenAtOnce) {
  other().tokens().record_family_access_token("fam", "jti-f", kT0 + seconds(600));
  EXPECT_FALSE(cached().tokens().is_access_token_denied("jti-f"));
  cached().transaction([](store::Store& tx) { tx.tokens().deny_family_access_tokens("fam"); });
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-f"));
}

TEST_P(CacheStaleness, DenyListRefreshReadsOnlyNewRows) {
  other().tokens().deny_access_token("jti-old", kT0 + seconds(600));
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-old"));
  // Deleted behind the cache's back: a full reload would forget it, an incremental one cannot.
  raw_exec("DELETE FROM denied_access_tokens WHERE jti = 'jti-old'");
  other().tokens().deny_access_token("jti-new", kT0 + seconds(600));
  past_the_bound();
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-new"));
  EXPECT_TRUE(cached().tokens().is_access_token_denied("jti-old"));
}

TEST_P(CacheStaleness, DenyListRowsCarryIncreasingSeqAndExpiredOnesAreSkipped) {
  db().tokens().deny_access_token("a", kT0 + seconds(600));
  db().tokens().deny_access_token("b", kT0 + seconds(10));
  db().tokens().deny_access_token("a", kT0 + seconds(600));  // idempotent
  db().tokens().deny_access_token("c", kT0 + seconds(600));
  auto rows = db().tokens().denied_since(-1, kT0, 100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].jti, "a");
  EXPECT_EQ(rows[2].jti, "c");
  EXPECT_LT(rows[0].seq, rows[1].seq);
  EXPECT_LT(rows[1].seq, rows[2].seq);
  auto later = db().tokens().denied_since(rows[0].seq, kT0 + seconds(60), 100);
  ASSERT_EQ(later.size(), 1u);  // b has expired, a is not newer
  EXPECT_EQ(later[0].jti, "c");
}

TEST_P(CacheStaleness, EveryWriteToACachedTableMovesItsVersion) {
  auto version = [&](const std::string& name) {
    for (const auto& v : db().cache_versions())
      if (v.name == name) return v.version;
    ADD_FAILURE() << "no version " << name;
    return std::int64_t{-1};
  };
  auto before = version("clients");
  db().clients().set_secret_hash("c1", "h", kT0);
  EXPECT_GT(version("clients"), before);
  before = version("scopes");
  db().scopes().remove("profile");
  EXPECT_GT(version("scopes"), before);
  before = version("signing_keys");
  db().keys().create(make_key("k9"));
  EXPECT_GT(version("signing_keys"), before);
  before = version("deny_list");
  db().tokens().deny_access_token("j", kT0 + seconds(60));
  EXPECT_GT(version("deny_list"), before);
  // A rolled-back write moves nothing.
  before = version("clients");
  EXPECT_THROW(db().transaction([](store::Store& tx) {
    tx.clients().remove("c1");
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_EQ(version("clients"), before);
}

TEST_P(CacheStaleness, FailedVersionCheckFailsClosed) {
  EXPECT_EQ(client_name(), "Client c1");
  EXPECT_FALSE(cached().tokens().is_access_token_denied("jti-1"));
  // The version check can no longer run (as with a database that is down).
  raw_exec("ALTER TABLE cache_versions RENAME TO cache_versions_gone");
  EXPECT_EQ(client_name(), "Client c1");  // still inside the bound of the last good check
  past_the_bound();
  EXPECT_THROW(cached().clients().find("c1"), store::StoreError);
  EXPECT_THROW(cached().tokens().is_access_token_denied("jti-1"), store::StoreError);
  EXPECT_THROW(cached().scopes().list(), store::StoreError);
  EXPECT_THROW(cached().keys().list(), store::StoreError);
  raw_exec("ALTER TABLE cache_versions_gone RENAME TO cache_versions");
  EXPECT_EQ(client_name(), "Client c1");
}

}  // namespace
}  // namespace authly::test
