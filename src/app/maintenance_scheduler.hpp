#pragma once
// The application's background maintenance (DESIGN.md §5): one thread, owned by Application,
// started by `authly serve` and stopped on shutdown, that purges expired rows every
// database.purge_interval_s. "Now" comes from the injected clock, so tests drive it with a fixed
// one; the interval is real time. Several instances may run it against one PostgreSQL database:
// the purge deletes in batches that skip rows another instance is deleting.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "services/expired_rows.hpp"
#include "store/store.hpp"

namespace authly::app {

class MaintenanceScheduler {
 public:
  // interval 0: start() does nothing (maintenance off); run_once() still works.
  MaintenanceScheduler(store::Store& store, const core::Clock& clock, std::chrono::seconds interval,
                       std::int64_t batch_size);
  ~MaintenanceScheduler();  // stop()
  MaintenanceScheduler(const MaintenanceScheduler&) = delete;
  MaintenanceScheduler& operator=(const MaintenanceScheduler&) = delete;

  // Starts the thread: the first run one interval from now, then every interval. Idempotent.
  void start();
  // Wakes the thread and waits for it; a purge in progress stops after its current batch.
  void stop();
  bool running() const;

  // One purge on the calling thread, logged ("maintenance.purged") when it removed anything.
  // Store errors propagate.
  services::PurgeCounts run_once();

 private:
  void loop();
  bool stopping() const;

  store::Store& store_;
  const core::Clock& clock_;
  const std::chrono::seconds interval_;
  const std::int64_t batch_size_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_requested_ = false;
  std::thread thread_;
};

}  // namespace authly::app
