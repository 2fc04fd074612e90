#include "store/audit_writer.hpp"

#include <exception>
#include <vector>

#include "store/store.hpp"

namespace authly::store {

AuditWriter::AuditWriter(Store& sink, AuditWriterOptions options) : sink_(sink), options_(std::move(options)) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  if (options_.queue_limit == 0) options_.queue_limit = 1;
}

AuditWriter::~AuditWriter() { stop(); }

void AuditWriter::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void AuditWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::lock_guard lock(mutex_);
  running_ = false;
  written_.notify_all();
}

bool AuditWriter::enqueue(AuditEvent event) {
  std::unique_lock lock(mutex_);
  if (!running_ || stopping_) {
    // No writer thread (CLI commands, tests without one, after shutdown): write in place, as the
    // caller would have without the queue.
    lock.unlock();
    sink_.audit().append(event);
    lock.lock();
    ++accepted_;
    ++written_seq_;
    return true;
  }
  if (queue_.size() + in_flight_ >= options_.queue_limit) {
    ++dropped_;
    return false;
  }
  queue_.push_back(std::move(event));
  ++accepted_;
  if (queue_.size() >= options_.batch_size) {
    lock.unlock();
    wake_.notify_one();
  }
  return true;
}

bool AuditWriter::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = accepted_;
  const std::uint64_t failures = failures_;
  if (written_seq_ >= target) return true;
  if (!running_) return false;  // only after a failed final write in stop()
  if (flush_target_ < target) flush_target_ = target;
  ++flush_requests_;
  wake_.notify_one();
  written_.wait(lock, [&] { return written_seq_ >= target || failures_ != failures || !running_; });
  return written_seq_ >= target;
}

std::size_t AuditWriter::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + in_flight_;
}

std::uint64_t AuditWriter::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

std::uint64_t AuditWriter::written() const {
  std::lock_guard lock(mutex_);
  return written_seq_;
}

bool AuditWriter::write_batch(std::unique_lock<std::mutex>& lock) {
  const std::size_t n = std::min(queue_.size(), options_.batch_size);
  std::vector<AuditEvent> batch;
  batch.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  in_flight_ = n;
  lock.unlock();
  std::string error;
  try {
    // Group commit: one transaction, so one fsync, for the whole batch.
    sink_.transaction([&](Store& tx) { tx.audit().append_all(batch); });
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown error";
  }
  if (!error.empty() && options_.on_write_error) options_.on_write_error(error, n);
  lock.lock();
  in_flight_ = 0;
  if (!error.empty()) {
    // Back in front, in order: the next attempt writes them first.
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
    ++failures_;
    written_.notify_all();
    return false;
  }
  written_seq_ += n;
  written_.notify_all();
  return true;
}

void AuditWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, options_.flush_interval, [&] {
      return stopping_ || queue_.size() >= options_.batch_size || (flush_target_ > written_seq_ && !queue_.empty());
    });
    bool failed = false;
    // Everything waiting, batch by batch: after a full batch the next one is likely full too.
    while (!queue_.empty() && !failed) failed = !write_batch(lock);
    if (dropped_ != dropped_reported_ && options_.on_dropped) {
      const auto since = dropped_ - dropped_reported_;
      dropped_reported_ = dropped_;
      const auto total = dropped_;
      lock.unlock();
      options_.on_dropped(since, total);
      lock.lock();
    }
    if (stopping_ && (queue_.empty() || failed)) {
      if (failed) {
        // The database is gone at shutdown: count what cannot be written as dropped, and say so.
        dropped_ += queue_.size();
        queue_.clear();
        if (options_.on_dropped && dropped_ != dropped_reported_) {
          const auto since = dropped_ - dropped_reported_;
          dropped_reported_ = dropped_;
          const auto total = dropped_;
          lock.unlock();
          options_.on_dropped(since, total);
          lock.lock();
        }
      }
      return;
    }
    if (failed) {
      // Retry after an interval (or when asked to flush), not in a tight loop against a database
      // that is down.
      const auto seen = flush_requests_;
      wake_.wait_for(lock, options_.flush_interval, [&] { return stopping_ || flush_requests_ != seen; });
    }
  }
}

}  // namespace authly::store
