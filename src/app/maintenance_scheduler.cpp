#include "app/maintenance_scheduler.hpp"

#include <exception>

#include "observability/logger.hpp"

namespace authly::app {
namespace obs = observability;

MaintenanceScheduler::MaintenanceScheduler(store::Store& store, const core::Clock& clock, std::chrono::seconds interval,
                                           std::int64_t batch_size)
    : store_(store), clock_(clock), interval_(interval), batch_size_(batch_size) {}

MaintenanceScheduler::~MaintenanceScheduler() { stop(); }

void MaintenanceScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || interval_.count() <= 0) return;
  stop_requested_ = false;
  thread_ = std::thread([this] { loop(); });
}

void MaintenanceScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool MaintenanceScheduler::running() const {
  std::lock_guard lock(mutex_);
  return thread_.joinable() && !stop_requested_;
}

bool MaintenanceScheduler::stopping() const {
  std::lock_guard lock(mutex_);
  return stop_requested_;
}

services::PurgeCounts MaintenanceScheduler::run_once() {
  const auto counts = services::purge_expired_rows(store_, clock_.now(), batch_size_, [this] { return stopping(); });
  if (counts.total() > 0)
    obs::info("maintenance.purged", {{"refresh_tokens", counts.refresh_tokens},
                                     {"deny_list", counts.deny_list},
                                     {"codes", counts.codes},
                                     {"interactions", counts.interactions},
                                     {"sessions", counts.sessions}});
  return counts;
}

void MaintenanceScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stop_requested_; })) {
    lock.unlock();
    try {
      run_once();
    } catch (const std::exception& e) {
      // The database may be down for a while; the next run tries again.
      obs::error("maintenance.failed", {{"error", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace authly::app
