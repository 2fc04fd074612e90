#pragma once
// Injected time: "now" is read once per request and passed down (STYLE.md), so tests can fix it.
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

// Test clock: stands still until advanced.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  TimePoint now() const override { return t_; }
  void advance(std::chrono::seconds d) { t_ += d; }
  void set(TimePoint t) { t_ = t; }

 private:
  TimePoint t_;
};

// Seconds since the Unix epoch: the unit of JWT NumericDate and of our SQL timestamps.
inline std::int64_t to_unix(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline TimePoint from_unix(std::int64_t s) { return TimePoint(std::chrono::seconds(s)); }

}  // namespace authly::core
