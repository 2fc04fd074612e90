// Store contract: the purge methods delete expired rows in batches of at most `limit`, keep live
// rows, keep codes whose grant is still alive, and may run on several instances at once.
#include <gmock/gmock.h>

#include <atomic>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

class PurgeContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    db().users().create(make_user("u1", "alice", "alice@example.com"));
    db().clients().create(make_client("c1"));
  }
  void add_interaction(const std::string& hash, TimePoint expires_at, store::Store* on = nullptr) {
    store::Interaction i;
    i.id_hash = hash;
    i.client_id = "c1";
    i.params = "{}";
    i.csrf_hash = "csrf-" + hash;
    i.created_at = kT0;
    i.expires_at = expires_at;
    (on ? *on : db()).interactions().create(i);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, PurgeContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(PurgeContract, InteractionsAreDeletedInBatches) {
  for (int i = 0; i < 25; ++i) add_interaction(cat("old-", std::to_string(i)), kT0 + seconds(10));
  add_interaction("live", kT0 + seconds(1000));
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(100), 10), 10);
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(100), 10), 10);
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(100), 10), 5);
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(100), 10), 0);
  EXPECT_TRUE(db().interactions().find_active("live", kT0 + seconds(100)));
}

TEST_P(PurgeContract, SessionsAreDeletedInBatchesWithTheirClientLists) {
  for (int i = 0; i < 7; ++i) {
    const auto hash = cat("s-", std::to_string(i));
    db().sessions().create(make_session(hash, "u1", kT0 + seconds(10)));
    db().sessions().add_client(hash, "c1", kT0);
  }
  db().sessions().create(make_session("live", "u1", kT0 + seconds(1000)));
  EXPECT_EQ(db().sessions().delete_expired(kT0 + seconds(100), 4), 4);
  EXPECT_EQ(db().sessions().delete_expired(kT0 + seconds(100), 4), 3);
  EXPECT_EQ(db().sessions().delete_expired(kT0 + seconds(100), 4), 0);
  EXPECT_FALSE(db().sessions().find("s-0"));
  EXPECT_TRUE(db().sessions().clients("s-0").empty());
  EXPECT_TRUE(db().sessions().find("live"));
}

TEST_P(PurgeContract, RefreshTokensAreDeletedInBatches) {
  for (int i = 0; i < 5; ++i) {
    auto t = make_refresh(cat("r-", std::to_string(i)), cat("f-", std::to_string(i)), "c1", "u1", "");
    t.idle_expires_at = kT0 + seconds(10);
    db().tokens().create_refresh(t);
  }
  db().tokens().create_refresh(make_refresh("live", "f-live", "c1", "u1", ""));
  EXPECT_EQ(db().tokens().delete_expired_refresh(kT0 + seconds(100), 3), 3);
  EXPECT_EQ(db().tokens().delete_expired_refresh(kT0 + seconds(100), 3), 2);
  EXPECT_EQ(db().tokens().delete_expired_refresh(kT0 + seconds(100), 3), 0);
  EXPECT_TRUE(db().tokens().find_refresh("live"));
}

TEST_P(PurgeContract, DenyListAndItsCompanionsAreDeletedInBatchesPerTable) {
  for (int i = 0; i < 3; ++i) {
    db().tokens().deny_access_token(cat("d-", std::to_string(i)), kT0 + seconds(10));
    db().tokens().record_family_access_token("fam", cat("a-", std::to_string(i)), kT0 + seconds(10));
    ASSERT_TRUE(db().tokens().record_assertion_jti("c1", cat("j-", std::to_string(i)), kT0 + seconds(10)));
  }
  db().tokens().deny_access_token("d-live", kT0 + seconds(1000));
  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(100), 2), 6);  // 2 from each of the three tables
  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(100), 2), 3);
  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(100), 2), 0);
  EXPECT_TRUE(db().tokens().is_access_token_denied("d-live"));
  EXPECT_FALSE(db().tokens().is_access_token_denied("d-0"));
}

TEST_P(PurgeContract, CodesAreDeletedInBatches) {
  for (int i = 0; i < 5; ++i)
    db().codes().create(make_code(cat("k-", std::to_string(i)), "c1", "u1", kT0 + seconds(10)));
  db().codes().create(make_code("live", "c1", "u1", kT0 + seconds(1000)));
  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(100), 2), 2);
  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(100), 2), 2);
  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(100), 2), 1);
  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(100), 2), 0);
  EXPECT_TRUE(db().codes().find("live"));
}

// Ending a browser session denies the access tokens of the codes it approved, found through the
// code row: an expired code stays while its family has refresh tokens or recorded access tokens.
TEST_P(PurgeContract, ExpiredCodeStaysWhileItsGrantIsAlive) {
  db().codes().create(make_code("with-refresh", "c1", "u1", kT0 + seconds(10)));
  ASSERT_TRUE(db().codes().consume("with-refresh", "c1", kT0, "fam-r"));
  db().tokens().create_refresh(make_refresh("rt", "fam-r", "c1", "u1", "session-hash"));
  db().codes().create(make_code("with-access", "c1", "u1", kT0 + seconds(10)));
  ASSERT_TRUE(db().codes().consume("with-access", "c1", kT0, "fam-a"));
  db().tokens().record_family_access_token("fam-a", "at-1", kT0 + seconds(600));

  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(100), 10), 0);
  EXPECT_EQ(db().tokens().deny_session_access_tokens("session-hash"), 1);  // still reachable

  // Once the family's records are gone, so is the code.
  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(700), 10), 2);  // at-1's record and its deny-list row
  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(700), 10), 1);
  EXPECT_FALSE(db().codes().find("with-access"));
  EXPECT_TRUE(db().codes().find("with-refresh"));
}

// Several instances purging one database at once: no statement fails, every row goes exactly once.
TEST_P(PurgeContract, ConcurrentPurgesNeitherFailNorDoubleCount) {
  constexpr int kRows = 300;
  db().transaction([&](store::Store& tx) {
    for (int i = 0; i < kRows; ++i) add_interaction(cat("c-", std::to_string(i)), kT0 + seconds(10), &tx);
  });
  constexpr int kInstances = 4;
  std::vector<std::unique_ptr<store::Store>> instances;
  for (int i = 0; i < kInstances; ++i) instances.push_back(open(url_, 2));
  std::latch start(kInstances);
  std::atomic<std::int64_t> deleted{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        for (std::int64_t n = 1; n > 0;) {
          n = instances[i]->interactions().delete_expired(kT0 + seconds(100), 7);
          deleted += n;
        }
      } catch (const std::exception& e) {
        ++errors;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  // A purger may stop on a short batch while another still holds rows; one more pass finishes.
  deleted += db().interactions().delete_expired(kT0 + seconds(100), kRows);
  EXPECT_EQ(deleted.load(), kRows);
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(100), kRows), 0);
}

}  // namespace
}  // namespace authly::test
