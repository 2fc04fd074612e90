#pragma once
// Counts of answered requests and their latency, by route and status class, for /metrics
// (Prometheus histogram semantics: cumulative buckets, a sum and a count). The server records
// every response once its last byte has left; recording is a few relaxed atomic additions on a
// shard of the calling thread, so I/O threads do not share cache lines. A route is identified by
// its index in the router (Route::index); requests that matched no route (404, 405, refused
// before routing) share the slot `routes` ("unmatched").
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace authly::http {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (the +Inf bucket is the count).
  static constexpr std::array<double, 12> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  static constexpr int kStatusClasses = 5;  // 1xx .. 5xx

  // Slots for `routes` routes and the unmatched slot.
  explicit RequestMetrics(std::size_t routes);
  RequestMetrics(const RequestMetrics&) = delete;
  RequestMetrics& operator=(const RequestMetrics&) = delete;

  std::size_t unmatched_slot() const noexcept { return routes_; }

  // `slot` beyond the routes counts as unmatched; a status outside 100-599 as 5xx.
  void record(std::size_t slot, int status, std::chrono::nanoseconds duration) noexcept;

  struct Series {
    std::size_t slot = 0;
    int status_class = 0;  // 1..5
    std::uint64_t count = 0;
    double sum_seconds = 0;
    std::array<std::uint64_t, kBounds.size()> buckets{};  // cumulative, as exposed
  };
  // The series with at least one request, summed over the shards.
  std::vector<Series> snapshot() const;

 private:
  struct Cell {
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
    std::array<std::atomic<std::uint64_t>, kBounds.size()> buckets{};  // per bucket, not cumulative
  };
  struct Shard {
    explicit Shard(std::size_t cells) : cells(cells) {}
    std::vector<Cell> cells;  // slot * kStatusClasses + class - 1
  };
  static constexpr std::size_t kShards = 8;

  std::size_t routes_;
  std::array<std::unique_ptr<Shard>, kShards> shards_;
};

}  // namespace authly::http
