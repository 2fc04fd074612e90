#include "store/sql/sqlite_writer.hpp"

#include "store/errors.hpp"

namespace authly::store::sql {

std::unique_lock<std::timed_mutex> SqliteWriter::acquire() {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (lock.owns_lock()) return lock;
  contended_.fetch_add(1, std::memory_order_relaxed);
  lock = std::unique_lock(mutex_, kWait);
  if (!lock.owns_lock())
    throw StoreError("sqlite error: database is locked (no write lock after " + std::to_string(kWait.count() / 1000) +
                     " s)");
  return lock;
}

}  // namespace authly::store::sql
