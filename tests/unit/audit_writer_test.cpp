// The audit writer (store/audit_writer.hpp): group commit per batch, a bounded queue that drops
// and counts instead of blocking, flush on demand and on stop, retry after a failed write; and the
// store decorator that routes audit appends outside transactions through it.
#include "store/audit_writer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store/queued_audit_store.hpp"
#include "support/recording_store.hpp"

namespace authly::store {
namespace {

using std::chrono::milliseconds;
using test::RecordingStore;

constexpr milliseconds kNever{60'000};  // longer than any test: only batch size, flush and stop write

AuditEvent event(int n) {
  return {0, core::from_unix(1'800'000'000 + n), "token.issued", "c", std::to_string(n), "", "{}"};
}

class AuditWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open_store({"sqlite::memory:", 2, 5'000});
    db_->migrate();
  }
  std::vector<AuditEvent> rows() { return db_->audit().list_recent(1000); }

  std::unique_ptr<Store> db_;
};

TEST_F(AuditWriterTest, WritesOneTransactionPerBatchOfAtMostBatchSize) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.batch_size = 3;
  o.flush_interval = kNever;
  AuditWriter writer(sink, o);
  writer.start();
  sink.hold();
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(writer.enqueue(event(i)));
  sink.wait_entered(1);  // the first full batch is taken; the other four wait behind it
  sink.release();
  ASSERT_TRUE(writer.flush());
  EXPECT_EQ(sink.batches(), (std::vector<std::size_t>{3, 3, 1}));
  const auto written = rows();
  ASSERT_EQ(written.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(written[6 - i].subject, std::to_string(i));  // in order
  EXPECT_EQ(sink.direct_appends(), 0u);
}

TEST_F(AuditWriterTest, FlushWritesWhatIsQueuedInOneTransaction) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.flush_interval = kNever;
  AuditWriter writer(sink, o);
  writer.start();
  for (int i = 0; i < 5; ++i) writer.enqueue(event(i));
  EXPECT_TRUE(rows().empty());  // queued, not written: nothing on the caller's path
  ASSERT_TRUE(writer.flush());
  EXPECT_EQ(sink.batches(), (std::vector<std::size_t>{5}));
  EXPECT_EQ(rows().size(), 5u);
  EXPECT_EQ(writer.written(), 5u);
}

TEST_F(AuditWriterTest, WritesAfterTheFlushIntervalWithoutBeingAsked) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.flush_interval = milliseconds(5);
  AuditWriter writer(sink, o);
  writer.start();
  writer.enqueue(event(1));
  // A generous guard, not a measurement: the interval write happens long before it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (writer.written() < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(milliseconds(1));
  EXPECT_EQ(writer.written(), 1u);
  EXPECT_EQ(rows().size(), 1u);
}

TEST_F(AuditWriterTest, DropsAndCountsWhenTheQueueIsFullWithoutBlocking) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.queue_limit = 4;
  o.batch_size = 2;
  o.flush_interval = kNever;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> reported;
  o.on_dropped = [&](std::uint64_t since, std::uint64_t total) { reported.emplace_back(since, total); };
  AuditWriter writer(sink, o);
  writer.start();
  sink.hold();  // the database "hangs": the queue fills
  int accepted = 0;
  for (int i = 0; i < 6; ++i) accepted += writer.enqueue(event(i)) ? 1 : 0;  // returns although held
  EXPECT_EQ(accepted, 4);
  EXPECT_EQ(writer.dropped(), 2u);
  sink.release();
  ASSERT_TRUE(writer.flush());
  EXPECT_EQ(rows().size(), 4u);
  writer.stop();  // the report comes from the writer thread; stop() joins it
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back().second, 2u);
}

TEST_F(AuditWriterTest, StopWritesEverythingQueued) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.flush_interval = kNever;
  AuditWriter writer(sink, o);
  writer.start();
  for (int i = 0; i < 10; ++i) writer.enqueue(event(i));
  writer.stop();
  EXPECT_EQ(rows().size(), 10u);
  EXPECT_EQ(writer.dropped(), 0u);
}

TEST_F(AuditWriterTest, FailedWriteKeepsTheEventsForTheNextAttempt) {
  RecordingStore sink(*db_);
  AuditWriterOptions o;
  o.flush_interval = kNever;
  int errors = 0;
  o.on_write_error = [&](const std::string&, std::size_t) { ++errors; };
  AuditWriter writer(sink, o);
  writer.start();
  sink.fail_next(1);
  for (int i = 0; i < 3; ++i) writer.enqueue(event(i));
  EXPECT_FALSE(writer.flush());
  EXPECT_TRUE(rows().empty());
  ASSERT_TRUE(writer.flush());
  const auto written = rows();
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written.back().subject, "0");
  EXPECT_EQ(errors, 1);
}

TEST_F(AuditWriterTest, WithoutAThreadWritesInPlace) {
  RecordingStore sink(*db_);
  AuditWriter writer(sink, {});
  writer.enqueue(event(1));
  EXPECT_EQ(rows().size(), 1u);
  EXPECT_EQ(sink.direct_appends(), 1u);
}

TEST_F(AuditWriterTest, DecoratorQueuesAppendsOutsideTransactionsOnly) {
  auto owned = open_store({"sqlite::memory:", 2, 5'000});
  owned->migrate();
  Store& raw = *owned;
  AuditWriterOptions o;
  o.flush_interval = kNever;
  QueuedAuditStore store(std::move(owned), o);
  store.writer().start();
  store.audit().append(event(1));
  EXPECT_TRUE(raw.audit().list_recent(10).empty());  // queued
  // Inside a transaction the event commits with the change it records.
  store.transaction([](Store& tx) { tx.audit().append(event(2)); });
  ASSERT_EQ(raw.audit().list_recent(10).size(), 1u);
  EXPECT_EQ(raw.audit().list_recent(10).front().subject, "2");
  // A reader of the decorated store sees its own instance's events.
  EXPECT_EQ(store.audit().list_recent(10).size(), 2u);
}

}  // namespace
}  // namespace authly::store
