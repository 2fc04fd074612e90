// services::purge_expired_rows: every kind of expired row, batch after batch, and a stop between
// batches.
#include <gtest/gtest.h>

#include "services/expired_rows.hpp"
#include "support/memory_store.hpp"

namespace authly::services {
namespace {

using std::chrono::seconds;

const core::TimePoint kT0 = core::from_unix(1'800'000'000);

class PurgeExpiredRows : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store(false);
    store_->clients().create(test::test_client("c1"));
  }
  void add_interactions(int n, core::TimePoint expires_at, const std::string& prefix) {
    for (int i = 0; i < n; ++i) {
      store::Interaction row;
      row.id_hash = prefix + std::to_string(i);
      row.client_id = "c1";
      row.params = "{}";
      row.csrf_hash = "csrf";
      row.created_at = kT0;
      row.expires_at = expires_at;
      store_->interactions().create(row);
    }
  }
  std::unique_ptr<store::Store> store_;
};

TEST_F(PurgeExpiredRows, ABacklogLargerThanABatchIsPurgedInOneRun) {
  add_interactions(23, kT0 + seconds(10), "old-");
  add_interactions(2, kT0 + seconds(1000), "new-");
  for (int i = 0; i < 9; ++i) store_->tokens().deny_access_token("jti-" + std::to_string(i), kT0 + seconds(10));
  const auto counts = purge_expired_rows(*store_, kT0 + seconds(100), 5);
  EXPECT_EQ(counts.interactions, 23);
  EXPECT_EQ(counts.deny_list, 9);
  EXPECT_EQ(counts.total(), 32);
  EXPECT_TRUE(store_->interactions().find_active("new-0", kT0 + seconds(100)));
  EXPECT_EQ(purge_expired_rows(*store_, kT0 + seconds(100), 5).total(), 0);
}

TEST_F(PurgeExpiredRows, NothingExpiredNothingDeleted) {
  add_interactions(3, kT0 + seconds(1000), "new-");
  EXPECT_EQ(purge_expired_rows(*store_, kT0, 5).total(), 0);
  EXPECT_TRUE(store_->interactions().find_active("new-2", kT0));
}

TEST_F(PurgeExpiredRows, StopsBetweenBatchesWhenAsked) {
  add_interactions(12, kT0 + seconds(10), "old-");
  int asked = 0;
  // Let two batches of interactions through, then stop: 4 + 4 deleted, 4 left for the next run.
  const auto counts = purge_expired_rows(*store_, kT0 + seconds(100), 4, [&] {
    // purge order: refresh tokens, deny-list, codes, interactions, sessions; each asks before a batch.
    return ++asked > 5;
  });
  EXPECT_EQ(counts.interactions, 4 + 4);
  EXPECT_EQ(purge_expired_rows(*store_, kT0 + seconds(100), 4).interactions, 4);
}

}  // namespace
}  // namespace authly::services
