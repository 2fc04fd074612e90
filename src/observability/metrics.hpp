#pragma once
// Metrics in the Prometheus text exposition format 0.0.4 (GET /metrics). Counters are atomics
// with a label set fixed when the series is made, so that counting on a request path is one
// relaxed addition; everything else (gauges of other components, the HTTP histograms the server
// keeps) is read when scraped, through collectors. Label values come from sets the code bounds:
// route templates, grant types, error codes, outcomes. Never user names, secrets, tokens or raw
// paths.
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::observability {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Writes the text format: a family's HELP and TYPE lines, then its samples.
class Exposition {
 public:
  void family(std::string_view name, std::string_view help, std::string_view type);
  void sample(std::string_view name, const MetricLabels& labels, double value);
  void sample(std::string_view name, const MetricLabels& labels, std::uint64_t value);
  std::string take() { return std::move(out_); }

 private:
  void head(std::string_view name, const MetricLabels& labels);
  std::string out_;
};

// A label value escaped as the format asks (backslash, double quote, line feed).
std::string escape_label_value(std::string_view value);

class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A counter with labels; a series exists from its first with() (with() of the same values returns
// the same counter, which lives as long as the family: keep it).
class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  Counter& with(const std::vector<std::string>& label_values);
  void write(Exposition& out) const;
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, Counter*> index_;
  std::deque<Counter> counters_;  // stable addresses
};

class MetricsRegistry {
 public:
  // The family `name` (made on first call; later calls return it).
  CounterFamily& counter(const std::string& name, const std::string& help, std::vector<std::string> label_names = {});
  // Writes its own families at scrape time (gauges of other components, the server's histograms).
  void collect(std::function<void(Exposition&)> collector);
  // The whole exposition: the counters, then each collector in the order added.
  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<CounterFamily>> counters_;
  std::vector<std::function<void(Exposition&)>> collectors_;
};

}  // namespace authly::observability
