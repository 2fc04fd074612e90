// SQLite writers of one process queue on the SqliteWriter mutex (store/sql/sqlite_writer.hpp)
// instead of sleeping in SQLite's busy handler: a write outside a transaction waits for a
// transaction in progress on the mutex and runs once it commits.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>

#include "store/sql/pool.hpp"
#include "store/sql/sql_store.hpp"
#include "store_fixture.hpp"

namespace authly::test {
namespace {

using store::sql::Pool;
using store::sql::SqlStore;

// Polls cond until it holds or a generous deadline passes (then the test fails on its own check).
template <class Cond>
bool eventually(Cond cond) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!cond() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return cond();
}

class SqliteWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pool =
        std::make_unique<Pool>(store::sql::parse_database_url({"sqlite://" + dir_.path() + "/writer.db", 4, 5'000}), 4);
    pool_ = pool.get();
    store_ = std::make_unique<SqlStore>(std::move(pool));
    store_->migrate();
  }

  TempDir dir_;
  Pool* pool_ = nullptr;
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SqliteWriterTest, AWriteOutsideATransactionQueuesOnTheWriterUntilTheTransactionEnds) {
  ASSERT_NE(pool_->sqlite_writer(), nullptr);
  const auto before = pool_->sqlite_writer()->contended();
  std::latch in_transaction(1);
  std::atomic<bool> commit{false};
  std::thread transaction([&] {
    store_->transaction([&](store::Store& tx) {
      tx.users().create(make_user("u1", "alice", ""));
      in_transaction.count_down();
      while (!commit) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  });
  in_transaction.wait();
  std::atomic<bool> written{false};
  std::thread writer([&] {
    store_->users().create(make_user("u2", "bob", ""));  // an autocommit INSERT
    written = true;
  });
  // The INSERT waits on the mutex, not in SQLite's busy handler, and not done yet.
  EXPECT_TRUE(eventually([&] { return pool_->sqlite_writer()->contended() > before; }));
  EXPECT_FALSE(written.load());
  commit = true;
  transaction.join();
  writer.join();
  EXPECT_TRUE(written.load());
  EXPECT_EQ(store_->users().count(), 2);
}

TEST_F(SqliteWriterTest, ReadsDoNotTakeTheWriter) {
  store_->users().create(make_user("u1", "alice", ""));
  std::latch in_transaction(1);
  std::atomic<bool> commit{false};
  std::thread transaction([&] {
    store_->transaction([&](store::Store& tx) {
      tx.users().create(make_user("u2", "bob", ""));
      in_transaction.count_down();
      while (!commit) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  });
  in_transaction.wait();
  const auto before = pool_->sqlite_writer()->contended();
  EXPECT_EQ(store_->users().count(), 1);  // WAL: the committed state, without waiting
  EXPECT_TRUE(store_->users().find_by_id("u1"));
  EXPECT_EQ(pool_->sqlite_writer()->contended(), before);
  commit = true;
  transaction.join();
  EXPECT_EQ(store_->users().count(), 2);
}

}  // namespace
}  // namespace authly::test
