#include "http/server/blocking_pool.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <mutex>

namespace authly::http::detail {

struct BlockingPool::Impl {
  Impl(int threads, std::size_t queue_limit)
      : capacity(static_cast<std::size_t>(threads < 1 ? 1 : threads) + queue_limit),
        pool(static_cast<std::size_t>(threads < 1 ? 1 : threads)) {}

  const std::size_t capacity;  // running + waiting jobs the pool accepts
  boost::asio::thread_pool pool;
  std::atomic<std::size_t> outstanding{0};
  std::atomic<std::uint64_t> running{0};
  std::atomic<std::uint64_t> queued{0};
  std::atomic<std::uint64_t> rejected{0};
  std::atomic<bool> stopped{false};
  std::once_flag shutdown_once;
  mutable std::mutex reasons_mutex;
  std::map<std::string, std::uint64_t, std::less<>> by_reason;
};

BlockingPool::BlockingPool(int threads, std::size_t queue_limit)
    : impl_(std::make_unique<Impl>(threads, queue_limit)) {}

BlockingPool::~BlockingPool() { shutdown(); }

bool BlockingPool::try_submit(std::string_view reason, std::function<void()> work, std::function<void()> done) {
  Impl& s = *impl_;
  // Reserve a slot first, so two I/O threads cannot both take the last one.
  if (s.stopped.load()) return false;
  if (s.outstanding.fetch_add(1) >= s.capacity) {
    s.outstanding.fetch_sub(1);
    s.rejected.fetch_add(1);
    return false;
  }
  {
    std::lock_guard lock(s.reasons_mutex);
    auto it = s.by_reason.find(reason);
    if (it == s.by_reason.end()) it = s.by_reason.emplace(std::string(reason), 0).first;
    ++it->second;
  }
  s.queued.fetch_add(1);
  boost::asio::post(s.pool, [&s, work = std::move(work), done = std::move(done)] {
    s.queued.fetch_sub(1);
    s.running.fetch_add(1);
    work();
    s.running.fetch_sub(1);
    s.outstanding.fetch_sub(1);
    done();
  });
  return true;
}

void BlockingPool::shutdown() {
  std::call_once(impl_->shutdown_once, [this] {
    impl_->stopped.store(true);
    impl_->pool.stop();
    impl_->pool.join();
  });
}

std::uint64_t BlockingPool::running() const noexcept { return impl_->running.load(); }
std::uint64_t BlockingPool::queued() const noexcept { return impl_->queued.load(); }
std::uint64_t BlockingPool::rejected() const noexcept { return impl_->rejected.load(); }

std::vector<std::pair<std::string, std::uint64_t>> BlockingPool::submitted_by_reason() const {
  std::lock_guard lock(impl_->reasons_mutex);
  return {impl_->by_reason.begin(), impl_->by_reason.end()};
}

}  // namespace authly::http::detail
