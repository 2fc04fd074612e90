#pragma once
// Moves SQLite's WAL checkpoints off the request path. Internal to store/sql.
//
// With automatic checkpoints, the commit that pushes the WAL past 1000 pages checkpoints it, with
// two fdatasync calls, inside that request; and while readers keep the WAL from being reset, every
// later commit tries again (profiled under revocation load: one fdatasync per two commits). The
// pool's connections therefore run with wal_autocheckpoint = 0 and this thread, on a connection
// of its own, runs a PASSIVE checkpoint (never waits for readers or writers) every interval.
//
// A writer restarts the WAL from its beginning only when a checkpoint has copied all of it back
// and no reader is still in it, a moment that steady load may never leave. So once the WAL holds
// more than kTruncateFrames, the checkpoint is a TRUNCATE one: it holds new writers back until the
// current readers finish, then empties the file; it waits at most 20 ms for them and otherwise
// tries again next round. Measured under revocation load (7 WAL pages per revocation): the WAL
// stays under ~20 MB.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace authly::store::sql {

class WalCheckpointer {
 public:
  static constexpr std::chrono::milliseconds kInterval{200};
  static constexpr int kTruncateFrames = 4'096;  // 16 MiB of 4 KiB pages

  // Opens `path` (an existing or new SQLite file) and starts the thread. Throws StoreError when
  // the file cannot be opened.
  explicit WalCheckpointer(const std::string& path, std::chrono::milliseconds interval = kInterval);
  ~WalCheckpointer();  // stops the thread, then one last checkpoint, and closes the connection
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // One checkpoint now, on the calling thread (PASSIVE, then TRUNCATE if the WAL is still longer
  // than kTruncateFrames); the frames left in the WAL afterwards.
  int checkpoint() noexcept;

 private:
  void loop();

  sqlite3* db_ = nullptr;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;  // guards stop_ and serialises use of db_
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace authly::store::sql
