#pragma once
// A small pool of threads for outbound fetches, apart from the pool that serves requests: a slow
// or silent remote server occupies one of these, never a request thread. Bounded twice: at most
// `threads` fetches run at once (the global concurrency cap) and at most `queue_limit` wait; a job
// that finds both full is refused at once, so callers fail fast instead of queueing.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace authly::outbound {

class FetchExecutor {
 public:
  FetchExecutor(int threads, std::size_t queue_limit);
  // Lets running jobs finish; jobs still queued are destroyed unrun (their promises break).
  ~FetchExecutor();
  FetchExecutor(const FetchExecutor&) = delete;
  FetchExecutor& operator=(const FetchExecutor&) = delete;

  // False (and `job` is not kept) when every thread is busy and the queue is full.
  bool try_submit(std::function<void()> job);

 private:
  void run();

  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started after every other member exists
};

}  // namespace authly::outbound
