#include "store/sql/wal_checkpointer.hpp"

#include <sqlite3.h>

#include "store/errors.hpp"

namespace authly::store::sql {

WalCheckpointer::WalCheckpointer(const std::string& path, std::chrono::milliseconds interval) : interval_(interval) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("cannot open the SQLite database for checkpoints: " + why);
  }
  // Short: a TRUNCATE checkpoint that waits for a busy writer keeps the WAL from being restarted
  // meanwhile; giving up and trying again next round costs nothing.
  sqlite3_busy_timeout(db_, 20);
  // A connection that has not read the database yet does not know it is in WAL mode, and its
  // checkpoints do nothing (SQLite 3.40): say so, as every pool connection does.
  char* error = nullptr;
  if (sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_close(db_);
    throw StoreError("cannot open the SQLite database for checkpoints: " + why);
  }
  thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  checkpoint();
  sqlite3_close(db_);
}

int WalCheckpointer::checkpoint() noexcept {
  int frames = 0;
  int copied = 0;
  // PASSIVE: copies what no reader still needs and returns; an error (SQLITE_BUSY while another
  // checkpoint runs) only means the next round does the work.
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
  if (frames > kTruncateFrames &&
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied) == SQLITE_OK)
    return 0;
  return frames > 0 ? frames - copied : 0;
}

void WalCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, interval_, [this] { return stop_; });
    if (stop_) break;
    checkpoint();
  }
}

}  // namespace authly::store::sql
