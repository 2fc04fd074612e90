#include "observability/metrics.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace authly::observability {

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Exposition::family(std::string_view name, std::string_view help, std::string_view type) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  // HELP text escapes backslash and line feed only.
  for (char c : help) out_ += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void Exposition::head(std::string_view name, const MetricLabels& labels) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) out_ += ',';
      first = false;
      out_ += k;
      out_ += "=\"";
      out_ += escape_label_value(v);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
}

void Exposition::sample(std::string_view name, const MetricLabels& labels, double value) {
  head(name, labels);
  if (std::isinf(value)) {
    out_ += value > 0 ? "+Inf" : "-Inf";
  } else if (std::isnan(value)) {
    out_ += "NaN";
  } else {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out_.append(buf, ec == std::errc() ? end : buf);
  }
  out_ += '\n';
}

void Exposition::sample(std::string_view name, const MetricLabels& labels, std::uint64_t value) {
  head(name, labels);
  out_ += std::to_string(value);
  out_ += '\n';
}

CounterFamily::CounterFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

Counter& CounterFamily::with(const std::vector<std::string>& label_values) {
  if (label_values.size() != label_names_.size())
    throw std::invalid_argument("metric " + name_ + ": wrong number of label values");
  std::lock_guard lock(mutex_);
  auto it = index_.find(label_values);
  if (it != index_.end()) return *it->second;
  Counter& c = counters_.emplace_back();
  index_.emplace(label_values, &c);
  return c;
}

void CounterFamily::write(Exposition& out) const {
  out.family(name_, help_, "counter");
  std::lock_guard lock(mutex_);
  for (const auto& [values, counter] : index_) {
    MetricLabels labels;
    for (std::size_t i = 0; i < values.size(); ++i) labels.emplace_back(label_names_[i], values[i]);
    out.sample(name_, labels, counter->value());
  }
}

CounterFamily& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                        std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  auto& slot = counters_[name];
  if (!slot) slot = std::make_unique<CounterFamily>(name, help, std::move(label_names));
  return *slot;
}

void MetricsRegistry::collect(std::function<void(Exposition&)> collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string MetricsRegistry::render() const {
  // The lists are copied and the collectors run unlocked: a collector may wait (a Redis PING), and
  // counting on a request path (counter()) must not wait behind a scrape.
  std::vector<const CounterFamily*> families;
  std::vector<std::function<void(Exposition&)>> collectors;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, family] : counters_) families.push_back(family.get());
    collectors = collectors_;
  }
  Exposition out;
  for (const auto* family : families) family->write(out);
  for (const auto& collector : collectors) collector(out);
  return out.take();
}

}  // namespace authly::observability
