// SQLite file databases run WAL with synchronous=NORMAL unless database.sqlite_synchronous=full
// asks for a sync at every commit (https://sqlite.org/pragma.html#pragma_synchronous).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sql/connection_config.hpp"
#include "store/sql/pool.hpp"

namespace authly::store::sql {
namespace {

namespace fs = std::filesystem;

// PRAGMA synchronous as the pool's connection reports it: 1 NORMAL, 2 FULL.
int synchronous_of(bool full) {
  const auto dir = fs::temp_directory_path() / ("authly-sync-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto file = dir / (full ? "full.db" : "normal.db");
  StoreOptions options{"sqlite://" + file.string(), 1, 5'000};
  options.sqlite_synchronous_full = full;
  int level = -1;
  {
    Pool pool(parse_database_url(options), 1);
    auto lease = pool.lease();
    lease.session() << "PRAGMA synchronous", soci::into(level);
  }
  fs::remove_all(dir);
  return level;
}

TEST(SqliteSynchronous, NormalByDefaultInWalMode) { EXPECT_EQ(synchronous_of(false), 1); }

TEST(SqliteSynchronous, FullWhenConfigured) { EXPECT_EQ(synchronous_of(true), 2); }

}  // namespace
}  // namespace authly::store::sql
