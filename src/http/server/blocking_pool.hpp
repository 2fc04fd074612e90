#pragma once
// The bounded pool where blocking route handlers run (SQL, Redis, argon2id, libcurl), so that an
// I/O thread never blocks. It sheds load instead of queueing without bound: a job is refused when
// every thread is busy and `queue_limit` jobs already wait. Asio stays in the .cpp (pimpl).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::http::detail {

class BlockingPool {
 public:
  BlockingPool(int threads, std::size_t queue_limit);
  ~BlockingPool();  // shutdown()
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  // Runs `work` then `done` on a pool thread, or returns false (running neither) when the pool is
  // saturated or shut down. The job leaves the counters before `done` runs, so whatever `done`
  // triggers (the response, the client's next request) already sees the slot free. Neither
  // function may throw. `reason` names the work for the per-reason counter.
  bool try_submit(std::string_view reason, std::function<void()> work, std::function<void()> done);

  // Stops taking jobs, waits for running ones, drops queued ones. Idempotent.
  void shutdown();

  std::uint64_t running() const noexcept;
  std::uint64_t queued() const noexcept;
  std::uint64_t rejected() const noexcept;
  std::vector<std::pair<std::string, std::uint64_t>> submitted_by_reason() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace authly::http::detail
