// The store contract on both backends: migrations, transactions, readiness. Repository cases live
// in the other store_contract_*_test.cpp files; they share this instantiation.
#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(StoreContract, MigrateAppliesInitialMigrationAndRecordsIt) {
  ASSERT_FALSE(status_before_.empty());
  for (const auto& m : status_before_) {
    EXPECT_FALSE(m.applied) << m.version;
    EXPECT_FALSE(m.applied_at) << m.version;
  }
  ASSERT_EQ(applied_.size(), status_before_.size());
  EXPECT_EQ(applied_.front().version, 1);
  EXPECT_EQ(applied_.front().name, "initial");

  auto status = db().migration_status();
  ASSERT_EQ(status.size(), status_before_.size());
  for (const auto& m : status) {
    EXPECT_TRUE(m.applied) << m.version;
    ASSERT_TRUE(m.applied_at) << m.version;
  }
  EXPECT_EQ(status.front().name, "initial");
}

TEST_P(StoreContract, MigrateIsIdempotent) {
  EXPECT_TRUE(db().migrate().empty());
  auto again = open(url_);
  EXPECT_TRUE(again->migrate().empty());
}

TEST_P(StoreContract, ConcurrentMigratorsApplyEachMigrationOnce) {
  // Two instances starting together on an empty database: one applies, the other waits and finds
  // nothing left to do (PostgreSQL: advisory lock; SQLite: BEGIN IMMEDIATE).
  auto url = fresh_url();
  auto a = open(url);
  auto b = open(url);
  std::latch start(2);
  std::size_t applied[2] = {0, 0};
  auto migrate = [&](store::Store& s, std::size_t& count) {
    start.arrive_and_wait();
    try {
      count = s.migrate().size();
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  };
  std::thread ta(migrate, std::ref(*a), std::ref(applied[0]));
  std::thread tb(migrate, std::ref(*b), std::ref(applied[1]));
  ta.join();
  tb.join();
  EXPECT_EQ(applied[0] + applied[1], status_before_.size());
  for (const auto& m : a->migration_status()) EXPECT_TRUE(m.applied) << m.version;
}

TEST_P(StoreContract, NewerSchemaVersionIsRefused) {
  const int known = static_cast<int>(status_before_.back().version);
  raw_exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 0)");
  const std::string expected =
      cat("database schema version 999 is newer than this authly (", std::to_string(known), ")");
  try {
    db().migrate();
    FAIL() << "migrate() accepted a newer schema";
  } catch (const store::StoreError& e) {
    EXPECT_THAT(e.what(), HasSubstr(expected));
  }
  EXPECT_THROW(db().migration_status(), store::StoreError);
}

TEST_P(StoreContract, ReportsItsBackendAndAnswersPing) {
  EXPECT_EQ(db().backend(), GetParam());
  EXPECT_TRUE(db().ping());
}

TEST_P(StoreContract, TransactionCommitsOnSuccess) {
  db().transaction([](store::Store& tx) {
    tx.users().create(make_user("u1", "alice", "alice@example.com"));
    tx.clients().create(make_client("c1"));
    // Reads inside the transaction see its own writes.
    EXPECT_TRUE(tx.users().find_by_id("u1"));
  });
  EXPECT_TRUE(db().users().find_by_id("u1"));
  EXPECT_TRUE(db().clients().find("c1"));
}

TEST_P(StoreContract, TransactionRollsBackAndRethrowsWhenFnThrows) {
  EXPECT_THROW(db().transaction([](store::Store& tx) {
    tx.users().create(make_user("u1", "alice", "alice@example.com"));
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_FALSE(db().users().find_by_id("u1"));
  // Every pooled connection is usable afterwards (none was left inside the transaction).
  for (int i = 0; i < 16; ++i) EXPECT_EQ(db().users().count(), 0);
}

TEST_P(StoreContract, TransactionRollsBackOnConflict) {
  db().users().create(make_user("u1", "alice", "alice@example.com"));
  EXPECT_THROW(db().transaction([](store::Store& tx) {
    tx.users().create(make_user("u2", "bob", "bob@example.com"));
    tx.users().create(make_user("u3", "ALICE", "other@example.com"));
  }),
               store::Conflict);
  EXPECT_FALSE(db().users().find_by_id("u2"));
  EXPECT_EQ(db().users().count(), 1);
}

TEST_P(StoreContract, NestedTransactionRunsInlineInTheOuterOne) {
  EXPECT_THROW(db().transaction([](store::Store& tx) {
    tx.transaction([](store::Store& inner) { inner.users().create(make_user("u1", "alice", "")); });
    EXPECT_TRUE(tx.users().find_by_id("u1"));
    throw std::runtime_error("outer fails");
  }),
               std::runtime_error);
  EXPECT_FALSE(db().users().find_by_id("u1"));
}

TEST_P(StoreContract, MigrateInsideATransactionIsRefused) {
  db().transaction([](store::Store& tx) { EXPECT_THROW(tx.migrate(), store::StoreError); });
}

TEST_P(StoreContract, DriverErrorsDoNotCarryBoundValues) {
  auto user = make_user("u1", "alice", "alice@example.com");
  db().users().create(user);
  auto clash = make_user("u2", "ALICE", "Zebediah@example.com");
  clash.password_hash = "$argon2id$do-not-log-this-hash";
  try {
    db().users().create(clash);
    FAIL() << "duplicate username accepted";
  } catch (const store::Conflict& e) {
    EXPECT_THAT(e.what(), HasSubstr("users"));                      // says what clashed...
    EXPECT_THAT(e.what(), Not(HasSubstr("do-not-log-this-hash")));  // ...but quotes no value
    EXPECT_THAT(e.what(), Not(HasSubstr("alice")));
    EXPECT_THAT(e.what(), Not(HasSubstr("Zebediah")));
  }
}

// authly_db_pool_*: a lease held is in use; a caller waiting for the only connection is counted
// while it waits and, if none comes free in time, as a timeout.
TEST_P(StoreContract, PoolStatsCountLeasesWaitersAndTimeouts) {
  auto one = open(url_, 1);
  auto idle = one->pool_stats();
  EXPECT_EQ(idle.size, 1u);
  EXPECT_EQ(idle.in_use, 0u);
  EXPECT_EQ(idle.waiting, 0u);
  EXPECT_EQ(idle.timeouts, 0u);

  std::latch inside(1);
  std::latch release(1);
  std::thread holder([&] {
    one->transaction([&](store::Store&) {
      inside.count_down();
      release.wait();
    });
  });
  inside.wait();
  EXPECT_EQ(one->pool_stats().in_use, 1u);
  std::atomic<bool> pinged{true};
  std::thread waiter([&] { pinged = one->ping(); });  // waits up to connect_timeout_ms (5 s)
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  while (one->pool_stats().waiting == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(one->pool_stats().waiting, 1u);
  waiter.join();  // no connection came free within the timeout
  EXPECT_FALSE(pinged);
  EXPECT_EQ(one->pool_stats().timeouts, 1u);
  EXPECT_EQ(one->pool_stats().waiting, 0u);
  release.count_down();
  holder.join();
  const auto after = one->pool_stats();
  EXPECT_EQ(after.in_use, 0u);
  EXPECT_EQ(after.timeouts, 1u);
  EXPECT_TRUE(one->ping());
}

}  // namespace
}  // namespace authly::test
