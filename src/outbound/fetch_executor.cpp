#include "outbound/fetch_executor.hpp"

namespace authly::outbound {

FetchExecutor::FetchExecutor(int threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

FetchExecutor::~FetchExecutor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool FetchExecutor::try_submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    // Jobs already queued will take the idle threads first.
    const std::size_t free_threads = idle_ > queue_.size() ? idle_ - queue_.size() : 0;
    if (free_threads == 0 && queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void FetchExecutor::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_;
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (stopping_) return;
    auto job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      job();
    } catch (...) {
      // A job reports through its own promise; an escaped exception must not end the thread.
    }
    lock.lock();
  }
}

}  // namespace authly::outbound
