// Each pooled connection keeps its statements prepared (store/sql/statement_cache.hpp): on
// PostgreSQL as named server-side prepared statements, on SQLite as sqlite3_stmt handles that are
// reset after every use so that no read transaction outlives its query.
#include <gtest/gtest.h>

#include "store/sql/connection_config.hpp"
#include "store/sql/pool.hpp"
#include "store/sql/query.hpp"
#include "store_fixture.hpp"

namespace authly::test {
namespace {

using store::sql::Connection;
using store::sql::Pool;
using store::sql::Query;

constexpr const char* kCountRows = "SELECT count(*) FROM cached_rows WHERE id > :floor";

long long count_rows(Connection& c, long long floor = 0) {
  long long n = -1;
  Query q(c, kCountRows);
  q.use(floor).into(n).run();
  return n;
}

class PostgresStatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_url_ = pg_test_url();
    ASSERT_FALSE(admin_url_.empty()) << "PG_TEST_URL is not set (scripts/start-services.sh prints it)";
    schema_ = cat("authly_t_", random_hex(12));
    pg_exec(admin_url_, "CREATE SCHEMA " + schema_);
    pg_exec(admin_url_, "CREATE TABLE " + schema_ + ".cached_rows (id BIGINT PRIMARY KEY)");
    pg_exec(admin_url_, "INSERT INTO " + schema_ + ".cached_rows VALUES (1), (2), (3)");
    pool_ =
        std::make_unique<Pool>(store::sql::parse_database_url({pg_url_with_schema(admin_url_, schema_), 1, 5'000}), 1);
  }
  void TearDown() override {
    pool_.reset();
    if (!schema_.empty()) pg_exec(admin_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }

  // The server's own list of this connection's prepared statements for kCountRows.
  long long server_prepared_count(Connection& c) {
    long long n = -1;
    Query q(c.session, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%cached_rows%'",
            store::sql::Backend::postgresql);
    q.into(n).run();
    return n;
  }

  std::string admin_url_;
  std::string schema_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(PostgresStatementCache, AStatementIsPreparedOnceOnTheServerAndReused) {
  auto lease = pool_->lease();
  Connection c = lease.connection();
  EXPECT_EQ(count_rows(c), 3);
  EXPECT_EQ(count_rows(c, 1), 2);  // new values bound to the kept statement
  EXPECT_EQ(count_rows(c, 2), 1);
  EXPECT_EQ(server_prepared_count(c), 1);
  EXPECT_EQ(c.statements.size(), 1u);
}

TEST_F(PostgresStatementCache, AFailedPreparationKeepsNothingAndTheConnectionStaysUsable) {
  auto lease = pool_->lease();
  Connection c = lease.connection();
  EXPECT_ANY_THROW(Query(c, "SELECT no_such_column FROM cached_rows").run());
  EXPECT_EQ(c.statements.size(), 0u);
  EXPECT_EQ(count_rows(c), 3);
}

TEST_F(PostgresStatementCache, ALostConnectionIsReopenedWithoutItsStatements) {
  {
    auto lease = pool_->lease();
    lease.run([&](Connection& c) { EXPECT_EQ(count_rows(c), 3); });
  }
  // The server ends the pooled connection; its prepared statements die with it.
  pg_exec(admin_url_,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%cached_rows%' AND pid <> "
          "pg_backend_pid()");
  {
    auto lease = pool_->lease();
    EXPECT_ANY_THROW(lease.run([&](Connection& c) { count_rows(c); }));
  }
  auto lease = pool_->lease();  // reopened: the statement is prepared again on the new connection
  lease.run([&](Connection& c) {
    EXPECT_EQ(count_rows(c), 3);
    EXPECT_EQ(server_prepared_count(c), 1);
  });
}

class SqliteStatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() + "/cache.db";
    sqlite_exec(path_, "CREATE TABLE cached_rows (id INTEGER PRIMARY KEY)");
    sqlite_exec(path_, "INSERT INTO cached_rows VALUES (1), (2), (3)");
    pool_ = std::make_unique<Pool>(store::sql::parse_database_url({"sqlite://" + path_, 2, 5'000}), 2);
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Pool> pool_;
};

// A kept statement left in the middle of its rows would hold its read transaction open: the
// connection would keep reading the database as it was then.
TEST_F(SqliteStatementCache, AQueryThatStopsEarlyLeavesNoReadTransactionBehind) {
  auto reader = pool_->lease();
  Connection c = reader.connection();
  {
    long long id = 0;
    Query q(c, "SELECT id FROM cached_rows ORDER BY id");
    ASSERT_TRUE(q.into(id).run());  // the first of three rows; the rest are never fetched
    EXPECT_EQ(id, 1);
  }
  {
    auto writer = pool_->lease();
    writer.run([](Connection& w) {
      Query q(w, "INSERT INTO cached_rows (id) VALUES (4)");
      q.run();
    });
  }
  EXPECT_EQ(count_rows(c), 4);
  EXPECT_EQ(c.statements.size(), 2u);
}

TEST_F(SqliteStatementCache, TheSameStatementNestedInItsOwnLoopRunsSeparately) {
  auto lease = pool_->lease();
  Connection c = lease.connection();
  long long id = 0;
  long long sum = 0;
  Query outer(c, kCountRows);
  long long floor = 0;
  long long n = 0;
  outer.use(floor).into(n).run();
  Query rows(c, "SELECT id FROM cached_rows ORDER BY id");
  if (rows.into(id).run()) {
    do sum += count_rows(c, id);  // kCountRows is borrowed by `outer`: a one-time statement runs
    while (rows.next());
  }
  EXPECT_EQ(n, 3);
  EXPECT_EQ(sum, 2 + 1 + 0);
  EXPECT_EQ(c.statements.size(), 2u);
}

}  // namespace
}  // namespace authly::test
