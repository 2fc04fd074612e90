#pragma once
// The background writer of audit events: a bounded queue in front of the audit table, written by
// one thread in group commits (one transaction per batch), so that recording an event never costs
// the request a database round trip or an fsync (DESIGN.md §5).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "store/models.hpp"

namespace authly::store {

class Store;

struct AuditWriterOptions {
  std::size_t queue_limit = 100'000;             // events waiting (or being written); beyond: dropped
  std::chrono::milliseconds flush_interval{50};  // a batch is written at least this often
  std::size_t batch_size = 500;                  // ... or as soon as this many events wait
  // Called from the writer thread (never from the caller of enqueue) after a batch when events were
  // dropped since the last call, with the number dropped in between and the running total.
  std::function<void(std::uint64_t dropped_since, std::uint64_t dropped_total)> on_dropped;
  // Called from the writer thread when writing a batch failed; the batch is retried.
  std::function<void(const std::string& what, std::size_t batch)> on_write_error;
};

class AuditWriter {
 public:
  // `sink` receives the batches: each is appended through sink.transaction(), one transaction per
  // batch. The writer does not start until start().
  AuditWriter(Store& sink, AuditWriterOptions options);
  ~AuditWriter();  // stop()
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  void start();
  // Writes what is queued, then ends the thread. Events enqueued afterwards are written
  // synchronously (a CLI command, a late maintenance run). Idempotent.
  void stop();

  // Never blocks on the database: queues the event, or counts it as dropped when queue_limit
  // events are already waiting. False when dropped.
  bool enqueue(AuditEvent event);

  // Waits until every event enqueued before the call is written; false when a write failed first
  // (the events stay queued). Without a running thread it writes them on the calling thread.
  bool flush();

  std::uint64_t dropped() const;  // events dropped since construction
  std::uint64_t written() const;  // events written since construction
  std::size_t queued() const;     // events waiting or being written now

 private:
  void run();
  // Takes up to batch_size events off the queue and writes them in one transaction; lock held on
  // entry and exit, released while writing. False when the write failed (events back in front).
  bool write_batch(std::unique_lock<std::mutex>& lock);

  Store& sink_;
  AuditWriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the writer: a full batch, a flush request, stop
  std::condition_variable written_;  // flush(): progress or failure
  std::deque<AuditEvent> queue_;
  std::size_t in_flight_ = 0;      // taken off the queue, being written
  std::uint64_t accepted_ = 0;     // sequence of the last accepted event
  std::uint64_t written_seq_ = 0;  // every accepted event up to here is written
  std::uint64_t failures_ = 0;     // failed batch writes
  std::uint64_t dropped_ = 0;
  std::uint64_t dropped_reported_ = 0;
  std::uint64_t flush_target_ = 0;  // a flush() waits for written_seq_ to reach this
  std::uint64_t flush_requests_ = 0;
  bool running_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace authly::store
