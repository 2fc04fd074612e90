#pragma once
// Injected time: "now" is read once per request and passed down (STYLE.md), so tests can fix it.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace authly::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Test clock: stands still until advanced. Safe to advance from the test thread while server
// threads read it (one atomic tick count).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : ticks_(t.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(ticks_.load(std::memory_order_acquire))); }
  void advance(std::chrono::seconds d) {
    ticks_.fetch_add(std::chrono::duration_cast<TimePoint::duration>(d).count(), std::memory_order_acq_rel);
  }
  void set(TimePoint t) { ticks_.store(t.time_since_epoch().count(), std::memory_order_release); }

 private:
  std::atomic<TimePoint::rep> ticks_;
};

// Seconds since the Unix epoch: the unit of JWT NumericDate and of our SQL timestamps.
inline std::int64_t to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline TimePoint from_unix(std::int64_t s) { return TimePoint(std::chrono::seconds(s)); }

}  // namespace authly::core
