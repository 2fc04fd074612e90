#include "app/maintenance_scheduler.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "observability/logger.hpp"

namespace authly::app {
namespace obs = observability;
using SteadyClock = std::chrono::steady_clock;

MaintenanceScheduler::~MaintenanceScheduler() { stop(); }

void MaintenanceScheduler::add(std::string name, std::chrono::seconds interval, Body body) {
  std::lock_guard lock(mutex_);
  if (started_) throw std::logic_error("maintenance job '" + name + "' added after start");
  for (const Job& j : jobs_)
    if (j.status.name == name) throw std::logic_error("maintenance job '" + name + "' added twice");
  Job job;
  job.status.name = std::move(name);
  job.status.interval = interval;
  job.body = std::move(body);
  jobs_.push_back(std::move(job));
}

void MaintenanceScheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  const bool any = std::any_of(jobs_.begin(), jobs_.end(), [](const Job& j) { return j.status.interval.count() > 0; });
  if (!any) return;
  started_ = true;
  stop_requested_ = false;
  const auto now = SteadyClock::now();
  for (Job& j : jobs_) j.due = now + j.status.interval;
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

void MaintenanceScheduler::run_now(std::string_view name) {
  Job* job = nullptr;
  {
    std::lock_guard lock(mutex_);
    for (Job& j : jobs_)
      if (j.status.name == name) job = &j;
  }
  if (job == nullptr) throw std::invalid_argument("no maintenance job '" + std::string(name) + "'");
  run_job(*job, true);
}

std::vector<MaintenanceScheduler::JobStatus> MaintenanceScheduler::status() const {
  std::lock_guard lock(mutex_);
  std::vector<JobStatus> out;
  for (const Job& j : jobs_) out.push_back(j.status);
  return out;
}

// Jobs are never removed, so a Job& stays valid; only its status is shared with other threads.
void MaintenanceScheduler::run_job(Job& job, bool rethrow) {
  const auto started = SteadyClock::now();
  bool ok = true;
  std::exception_ptr failure;
  try {
    job.body([this] { return stopping(); });
  } catch (const std::exception& e) {
    ok = false;
    failure = std::current_exception();
    // The database may be down for a while; the next run tries again.
    obs::error("maintenance.failed", {{"job", job.status.name}, {"error", e.what()}});
  } catch (...) {
    ok = false;
    failure = std::current_exception();
    obs::error("maintenance.failed", {{"job", job.status.name}, {"error", "non-standard exception"}});
  }
  {
    std::lock_guard lock(mutex_);
    ++job.status.runs;
    job.status.last_duration = SteadyClock::now() - started;
    if (ok) {
      job.status.last_success = std::chrono::system_clock::now();
    } else {
      ++job.status.failures;
    }
  }
  if (failure && rethrow) std::rethrow_exception(failure);
}

void MaintenanceScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_requested_) {
    auto next = SteadyClock::time_point::max();
    for (const Job& j : jobs_)
      if (j.status.interval.count() > 0) next = std::min(next, j.due);
    if (wake_.wait_until(lock, next, [this] { return stop_requested_; })) break;
    const auto now = SteadyClock::now();
    for (Job& j : jobs_) {
      if (j.status.interval.count() <= 0 || j.due > now || stop_requested_) continue;
      j.due = now + j.status.interval;
      lock.unlock();
      run_job(j, false);
      lock.lock();
    }
  }
}

}  // namespace authly::app
