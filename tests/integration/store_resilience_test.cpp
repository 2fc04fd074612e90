// The store when the database misbehaves (unreachable, crashed, hung) and the URL forms it accepts.
#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <latch>
#include <thread>

#include "store/sql/connection_config.hpp"
#include "store_fixture.hpp"
#include "tcp_proxy.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// The message of the StoreError that fn throws (a test failure if it throws nothing).
template <class Fn>
std::string store_error_of(Fn fn) {
  try {
    fn();
  } catch (const store::StoreError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no StoreError thrown";
  return {};
}

TEST(StoreOpen, UnreachablePostgresFailsFastWithoutLeakingThePassword) {
  auto start = Clock::now();
  auto message = store_error_of([] {
    store::open_store({"postgresql://authly:Sup3r-Secret-pw@127.0.0.1:1/authly_test", 4, 2'000});
  });
  EXPECT_LT(since(start).count(), 3'500);
  EXPECT_THAT(message, HasSubstr("127.0.0.1"));
  EXPECT_THAT(message, HasSubstr("***"));
  EXPECT_THAT(message, Not(HasSubstr("Sup3r-Secret-pw")));
}

TEST(StoreOpen, SilentServerFailsAfterTheConnectTimeout) {
  // A socket that listens but never answers: the TCP handshake completes, the server never speaks.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 8), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  std::string url = cat("postgresql://authly:pw@127.0.0.1:", std::to_string(ntohs(addr.sin_port)), "/authly_test");

  auto start = Clock::now();
  EXPECT_THROW(store::open_store({url, 4, 2'000}), store::StoreError);
  auto took = since(start).count();
  ::close(fd);
  EXPECT_GE(took, 1'500);  // it did wait for the server...
  EXPECT_LT(took, 5'000);  // ...but only about connect_timeout (libpq's minimum is 2 s)
}

TEST(StoreOpen, UnsupportedUrlsAreRejectedWithoutEchoingSecrets) {
  auto mysql = store_error_of([] { store::open_store({"mysql://root:topsecret@db/authly", 1, 1'000}); });
  EXPECT_THAT(mysql, HasSubstr("mysql"));
  EXPECT_THAT(mysql, Not(HasSubstr("topsecret")));
  EXPECT_THAT(store_error_of([] { store::open_store({"sqlite:relative.db", 1, 1'000}); }), HasSubstr("sqlite"));
  EXPECT_THROW(store::open_store({"", 1, 1'000}), store::StoreError);
  EXPECT_THROW(store::open_store({"postgresql://u@h:notaport/db", 1, 1'000}), store::StoreError);
}

TEST(StoreOpen, PostgresUrlBecomesAConninfoWithDecodedCredentials) {
  auto c = store::sql::parse_database_url(
      {"postgres://app%40corp:p%40ss%3Aw%2Frd'%5C@[::1]:6543,db2.example/my%20db?sslmode=require&connect_timeout=9", 4,
       5'000});
  EXPECT_EQ(c.backend, store::sql::Backend::postgresql);
  EXPECT_THAT(c.connect_string, HasSubstr("user='app@corp'"));
  EXPECT_THAT(c.connect_string, HasSubstr(R"(password='p@ss:w/rd\'\\')"));
  EXPECT_THAT(c.connect_string, HasSubstr("host='::1,db2.example'"));
  EXPECT_THAT(c.connect_string, HasSubstr("port='6543,'"));
  EXPECT_THAT(c.connect_string, HasSubstr("dbname='my db'"));
  EXPECT_THAT(c.connect_string, HasSubstr("sslmode='require'"));
  EXPECT_THAT(c.connect_string, HasSubstr("connect_timeout='9'"));  // the URL's own wins
  EXPECT_EQ(c.display, "postgres://app%40corp:***@[::1]:6543,db2.example/my%20db?sslmode=require&connect_timeout=9");
  EXPECT_EQ(store::sql::redact("bad password p@ss:w/rd'\\ here", c.secrets), "bad password *** here");

  auto d = store::sql::parse_database_url({"postgresql://h/db", 4, 1'500});
  EXPECT_THAT(d.connect_string, HasSubstr("connect_timeout='2'"));  // rounded up to whole seconds

  auto q = store::sql::parse_database_url({"postgresql://h/db?user=u&password=hunter%322&sslmode=disable", 4, 1'000});
  EXPECT_THAT(q.connect_string, HasSubstr("password='hunter22'"));
  EXPECT_EQ(q.display, "postgresql://h/db?user=u&password=***&sslmode=disable");
  EXPECT_EQ(store::sql::redact("hunter22 hunter%322", q.secrets), "*** ***");
}

TEST(StoreOpen, SqliteFileUrlsCreateTheDirectoryAndUseWal) {
  TempDir dir;
  auto path = dir.path() + "/a/b/authly.db";
  auto store = store::open_store({"sqlite://" + path, 2, 1'000});
  store->migrate();
  EXPECT_TRUE(std::filesystem::exists(path));

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(StoreOpen, SqliteRelativeUrlIsRelativeToTheWorkingDirectory) {
  auto rel = cat("authly-store-test-", random_hex(8), "/sub dir/x?.db");  // space and '?' survive
  {
    auto store = store::open_store({"sqlite://" + rel, 1, 1'000});
    store->migrate();
    store->users().create(make_user("u1", "alice", ""));
  }
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::current_path() / rel));
  auto again = store::open_store({"sqlite://" + rel, 1, 1'000});
  EXPECT_TRUE(again->users().find_by_id("u1"));
  std::filesystem::remove_all(std::filesystem::current_path() / std::filesystem::path(rel).begin()->string());
}

TEST(SqliteMemoryStore, PoolSharesOneDatabasePrivateToTheStore) {
  auto a = store::open_store({"sqlite::memory:", 4, 1'000});
  a->migrate();
  // Writers on all four connections at once: each must wait for the others, none may fail.
  std::latch start(8);
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < 10; ++i) {
        try {
          auto id = cat("u", std::to_string(t), "-", std::to_string(i));
          a->users().create(make_user(id, id, ""));
        } catch (const std::exception& e) {
          ++errors;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(a->users().count(), 80);  // every connection sees every row

  auto b = store::open_store({"sqlite::memory:", 4, 1'000});
  for (const auto& m : b->migration_status()) EXPECT_FALSE(m.applied);
}

TEST(SqliteMemoryStore, ConcurrentConsumeHasExactlyOneWinner) {
  auto s = store::open_store({"sqlite::memory:", 8, 1'000});
  s->migrate();
  s->users().create(make_user("u1", "alice", ""));
  s->clients().create(make_client("c1"));
  for (int round = 0; round < 10; ++round) {
    auto hash = cat("k", std::to_string(round));
    s->codes().create(make_code(hash, "c1", "u1", kT0 + std::chrono::seconds(60)));
    std::latch start(8);
    std::atomic<int> wins{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        if (s->codes().consume(hash, "c1", kT0, "fam")) ++wins;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(wins.load(), 1) << round;
  }
}

TEST(SqliteMemoryStore, TransactionSeesItsWritesAndOthersWaitForIt) {
  auto s = store::open_store({"sqlite::memory:", 4, 1'000});
  s->migrate();
  std::atomic<bool> committed{false};
  std::thread writer;
  s->transaction([&](store::Store& tx) {
    tx.users().create(make_user("u1", "alice", ""));
    // A second writer blocks on the transaction's lock until it commits.
    writer = std::thread([&] {
      s->users().create(make_user("u2", "bob", ""));
      EXPECT_TRUE(committed.load());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    committed = true;
  });
  writer.join();
  EXPECT_EQ(s->users().count(), 2);
}

// PostgreSQL through a proxy that can "crash" (close everything) and come back.
class PostgresResilience : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_url_ = pg_test_url();
    ASSERT_FALSE(admin_url_.empty()) << "PG_TEST_URL is not set (scripts/start-services.sh prints it)";
    auto at = admin_url_.find('@');
    auto colon = admin_url_.find(':', at);
    auto slash = admin_url_.find('/', at);
    ASSERT_TRUE(at != std::string::npos && colon < slash && slash != std::string::npos)
        << "PG_TEST_URL needs user@host:port/db";
    proxy_ = std::make_unique<TcpProxy>(std::stoi(admin_url_.substr(colon + 1, slash - colon - 1)));
    schema_ = cat("authly_t_", random_hex(12));
    pg_exec(admin_url_, "CREATE SCHEMA " + schema_);
    auto proxied =
        cat(admin_url_.substr(0, at + 1), "127.0.0.1:", std::to_string(proxy_->port()), admin_url_.substr(slash));
    store_ = store::open_store({pg_url_with_schema(proxied, schema_), 4, 2'000});
    store_->migrate();
    store_->users().create(make_user("u1", "alice", ""));
  }
  void TearDown() override {
    store_.reset();
    proxy_.reset();
    if (!schema_.empty()) pg_exec(admin_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }

  // Leases every pooled connection at once, so that each one is exercised.
  int count_on_all_connections() {
    std::latch start(4);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        try {
          if (store_->users().count() == 1) ++ok;
        } catch (const store::StoreError&) {
        }
      });
    }
    for (auto& th : threads) th.join();
    return ok.load();
  }

  std::string admin_url_;
  std::string schema_;
  std::unique_ptr<TcpProxy> proxy_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(PostgresResilience, OperationsFailWhileTheServerIsGoneAndThePoolHealsWhenItReturns) {
  EXPECT_TRUE(store_->ping());
  EXPECT_EQ(count_on_all_connections(), 4);

  proxy_->stop();  // every connection dies, nothing listens
  auto start = Clock::now();
  EXPECT_FALSE(store_->ping());
  for (int i = 0; i < 6; ++i) EXPECT_THROW(store_->users().count(), store::StoreError) << i;
  EXPECT_EQ(count_on_all_connections(), 0);
  EXPECT_LT(since(start).count(), 5'000);  // refused connections fail at once, nothing hangs

  proxy_->start();  // the server is back on the same address
  EXPECT_TRUE(store_->ping());
  // No request pays for a connection that died while the server was away.
  for (int round = 0; round < 3; ++round) EXPECT_EQ(count_on_all_connections(), 4) << round;
  EXPECT_TRUE(store_->users().find_by_id("u1"));
}

TEST_F(PostgresResilience, ServerRestartCostsNoRequest) {
  EXPECT_EQ(count_on_all_connections(), 4);
  proxy_->stop();
  proxy_->start();  // back before anyone noticed: the pooled connections are dead all the same
  // The first failure marks its connection lost and makes the others be checked before reuse, so
  // at most one request fails.
  int failures = 0;
  for (int i = 0; i < 8; ++i) {
    try {
      store_->users().count();
    } catch (const store::StoreError&) {
      ++failures;
    }
  }
  EXPECT_LE(failures, 1);
  EXPECT_EQ(count_on_all_connections(), 4);
}

TEST_F(PostgresResilience, PingIsBoundedWhenTheServerHangs) {
  EXPECT_TRUE(store_->ping());
  proxy_->silence();  // connections stay open, answers never come
  auto start = Clock::now();
  EXPECT_FALSE(store_->ping());
  EXPECT_LT(since(start).count(), 2'000 + 1'500);
  proxy_->stop();
  proxy_->start();
  EXPECT_TRUE(store_->ping());
}

}  // namespace
}  // namespace authly::test
