#include "http/request_metrics.hpp"

namespace authly::http {
namespace {

// Each thread keeps to one shard: threads that answer requests (the I/O threads) spread over them.
std::size_t thread_shard(std::size_t shards) {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t mine = next.fetch_add(1, std::memory_order_relaxed);
  return mine % shards;
}

}  // namespace

RequestMetrics::RequestMetrics(std::size_t routes) : routes_(routes) {
  for (auto& shard : shards_) shard = std::make_unique<Shard>((routes + 1) * kStatusClasses);
}

void RequestMetrics::record(std::size_t slot, int status, std::chrono::nanoseconds duration) noexcept {
  if (slot > routes_) slot = routes_;
  const int status_class = status >= 100 && status <= 599 ? status / 100 : 5;
  Cell& cell =
      shards_[thread_shard(kShards)]->cells[slot * kStatusClasses + static_cast<std::size_t>(status_class - 1)];
  const auto ns = duration.count() > 0 ? static_cast<std::uint64_t>(duration.count()) : 0;
  cell.count.fetch_add(1, std::memory_order_relaxed);
  cell.sum_ns.fetch_add(ns, std::memory_order_relaxed);
  const double seconds = static_cast<double>(ns) / 1e9;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) {
      cell.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

std::vector<RequestMetrics::Series> RequestMetrics::snapshot() const {
  std::vector<Series> out;
  for (std::size_t slot = 0; slot <= routes_; ++slot) {
    for (int c = 1; c <= kStatusClasses; ++c) {
      Series s;
      s.slot = slot;
      s.status_class = c;
      std::uint64_t sum_ns = 0;
      for (const auto& shard : shards_) {
        const Cell& cell = shard->cells[slot * kStatusClasses + static_cast<std::size_t>(c - 1)];
        s.count += cell.count.load(std::memory_order_relaxed);
        sum_ns += cell.sum_ns.load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < kBounds.size(); ++i)
          s.buckets[i] += cell.buckets[i].load(std::memory_order_relaxed);
      }
      if (s.count == 0) continue;
      for (std::size_t i = 1; i < kBounds.size(); ++i) s.buckets[i] += s.buckets[i - 1];
      // A bucket never exceeds the count: a scrape between the additions of one record() could
      // otherwise see the bucket before the count.
      for (auto& b : s.buckets) b = std::min(b, s.count);
      s.sum_seconds = static_cast<double>(sum_ns) / 1e9;
      out.push_back(s);
    }
  }
  return out;
}

}  // namespace authly::http
