#pragma once
// Group commit: items from concurrent callers written together, each caller returning only once
// the write that holds its item has finished (or rethrowing that write's failure), so durability
// is what a write of its own would give.
//
// No thread of its own: a caller that finds no write in progress writes everything queued so far
// (its own item included, up to max_batch); callers arriving meanwhile queue for the next write.
// Alone, a caller writes at once, with no timer to wait for; under load one commit (one fsync, one
// lock on a counter row) serves as many requests as arrived during the previous one.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace authly::core {

template <class Item>
class GroupCommit {
 public:
  using Write = std::function<void(const std::vector<Item>&)>;

  explicit GroupCommit(Write write, std::size_t max_batch = 256) : write_(std::move(write)), max_batch_(max_batch) {}

  // Blocks until item is written; rethrows the failure of the write that held it.
  void submit(Item item) {
    Ticket ticket;
    std::unique_lock lock(mutex_);
    queue_.push_back(Queued{std::move(item), &ticket});
    while (!ticket.done) {
      if (writing_) {
        written_.wait(lock);
        continue;
      }
      writing_ = true;
      const std::size_t n = std::min(max_batch_, queue_.size());
      std::vector<Item> items;
      std::vector<Ticket*> tickets;
      items.reserve(n);
      tickets.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        items.push_back(std::move(queue_[i].item));
        tickets.push_back(queue_[i].ticket);
      }
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      lock.unlock();
      std::exception_ptr error;
      try {
        write_(items);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      for (Ticket* t : tickets) {
        t->done = true;
        t->error = error;
      }
      writing_ = false;
      written_.notify_all();
    }
    if (ticket.error) std::rethrow_exception(ticket.error);
  }

 private:
  struct Ticket {
    bool done = false;
    std::exception_ptr error;
  };
  struct Queued {
    Item item;
    Ticket* ticket;
  };

  Write write_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable written_;
  std::vector<Queued> queue_;
  bool writing_ = false;
};

}  // namespace authly::core
