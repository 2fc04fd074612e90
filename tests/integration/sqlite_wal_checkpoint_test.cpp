// SQLite WAL checkpoints run on the WalCheckpointer's own connection and thread, never inside a
// request's commit: the pool's connections have wal_autocheckpoint = 0, so without it the WAL
// would only grow. A long WAL is truncated; a short one is copied back and left for reuse.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/sql/wal_checkpointer.hpp"
#include "support/process.hpp"

namespace authly::test {
namespace {

using store::sql::WalCheckpointer;

// A writer as the pool's connections are set up: WAL, no automatic checkpoints.
struct Writer {
  explicit Writer(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5'000);  // a TRUNCATE checkpoint holds writers back for a moment
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA wal_autocheckpoint = 0");
    exec("PRAGMA synchronous = NORMAL");
    exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, payload BLOB)");
  }
  ~Writer() { sqlite3_close(db); }
  void exec(const char* sql) { ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql; }
  // One transaction per row, each adding at least one 4 KiB page to the WAL.
  void commit_rows(int n) {
    for (int i = 0; i < n; ++i) exec("INSERT INTO rows (payload) VALUES (zeroblob(4000))");
  }
  sqlite3* db = nullptr;
};

std::uintmax_t wal_size(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path + "-wal", ec);
  return ec ? 0 : size;
}

TEST(SqliteWalCheckpoint, AWalLongerThanTheLimitIsCopiedBackAndTruncated) {
  TempDir dir;
  const std::string path = dir.path() + "/authly.db";
  Writer writer(path);
  writer.commit_rows(WalCheckpointer::kTruncateFrames + 100);
  ASSERT_GT(wal_size(path), static_cast<std::uintmax_t>(WalCheckpointer::kTruncateFrames) * 4096);

  WalCheckpointer checkpointer(path, std::chrono::hours(1));  // the test calls it itself
  EXPECT_EQ(checkpointer.checkpoint(), 0);
  EXPECT_EQ(wal_size(path), 0u);
}

TEST(SqliteWalCheckpoint, AShortWalIsCopiedBackWithoutTruncating) {
  TempDir dir;
  const std::string path = dir.path() + "/authly.db";
  Writer writer(path);
  writer.commit_rows(50);
  WalCheckpointer checkpointer(path, std::chrono::hours(1));
  EXPECT_EQ(checkpointer.checkpoint(), 0);  // nothing left to copy back
  EXPECT_GT(wal_size(path), 0u);            // the file stays, to be reused from its start
}

TEST(SqliteWalCheckpoint, TheThreadKeepsTheWalShortWhileWritesGoOn) {
  TempDir dir;
  const int rows = 2 * WalCheckpointer::kTruncateFrames;
  std::uintmax_t unchecked_size = 0;
  {
    const std::string unchecked = dir.path() + "/unchecked.db";
    Writer writer(unchecked);
    writer.commit_rows(rows);
    unchecked_size = wal_size(unchecked);  // before closing: the last connection checkpoints
  }
  const std::string path = dir.path() + "/authly.db";
  Writer writer(path);
  WalCheckpointer checkpointer(path, std::chrono::milliseconds(5));
  // One writer committing nearly back to back is the hardest case (a TRUNCATE checkpoint rarely
  // finds the lock free). A pause of 1 ms every 256 commits, as any request stream has, lets the
  // checkpointer's thread run even on a machine whose other core is busy; without the pauses the
  // outcome depended on how the scheduler placed the two threads. The WAL still ends far shorter
  // than the same writes leave without checkpoints.
  for (int done = 0; done < rows; done += 256) {
    writer.commit_rows(std::min(256, rows - done));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_LT(wal_size(path), unchecked_size / 2);
}

}  // namespace
}  // namespace authly::test
