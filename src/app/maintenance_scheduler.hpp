#pragma once
// The application's background maintenance (docs/architecture.md "Background work"): one thread,
// owned by Application, started by `authly serve` and stopped on shutdown, that runs each job at
// its own interval: the signing-key rotation state machine (keys.reload_interval_s), the purge
// of expired rows (database.purge_interval_s) and the refresh of the pre-serialized JWKS and
// discovery documents (app/maintenance_jobs.hpp). Request threads never run these. Intervals are real
// time; what a job counts as "now" comes from the injected clock, so tests drive it with a fixed
// one. Several instances may run the same jobs against one database: each job is written so that
// racing instances converge (compare-and-set key transitions, purge batches that skip locked rows).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace authly::app {

class MaintenanceScheduler {
 public:
  // A job's body. `stopping()` turns true when the scheduler is asked to stop: a long job (a purge
  // of a large backlog) checks it between batches. Exceptions are logged and the job runs again
  // one interval later.
  using Body = std::function<void(const std::function<bool()>& stopping)>;

  // What a job did so far (for logs, tests and /metrics).
  struct JobStatus {
    std::string name;
    std::chrono::seconds interval{0};
    std::uint64_t runs = 0;                                // finished, successfully or not
    std::uint64_t failures = 0;                            // runs that threw
    std::chrono::system_clock::time_point last_success{};  // epoch: never
    std::chrono::duration<double> last_duration{0};
  };

  MaintenanceScheduler() = default;
  ~MaintenanceScheduler();  // stop()
  MaintenanceScheduler(const MaintenanceScheduler&) = delete;
  MaintenanceScheduler& operator=(const MaintenanceScheduler&) = delete;

  // Registers a job before start(); interval 0: never on the thread (run_now() still runs it).
  // Throws std::logic_error for a second job of the same name or once started.
  void add(std::string name, std::chrono::seconds interval, Body body);

  // Starts the thread when some job has a non-zero interval: each job first runs one interval from
  // now, then every interval. Idempotent.
  void start();
  // Wakes the thread and waits for it; a job in progress sees stopping() and returns early.
  void stop();
  bool running() const;

  // Runs the named job on the calling thread now, recording it like a scheduled run. Exceptions
  // propagate. Throws std::invalid_argument for an unknown name.
  void run_now(std::string_view name);

  std::vector<JobStatus> status() const;

 private:
  struct Job {
    JobStatus status;
    Body body;
    std::chrono::steady_clock::time_point due{};
  };

  void loop();
  bool stopping() const;
  // Runs one job, recording its outcome; rethrows when `rethrow`.
  void run_job(Job& job, bool rethrow);

  mutable std::mutex mutex_;  // guards everything below except the bodies' own work
  std::condition_variable wake_;
  bool stop_requested_ = false;
  bool started_ = false;
  std::vector<Job> jobs_;
  std::thread thread_;
};

}  // namespace authly::app
