#include "endpoints/metrics_endpoint.hpp"

#include <string>

#include "endpoints/token_endpoints.hpp"

namespace authly::endpoints {

http::Response metrics(const observability::MetricsRegistry& registry) {
  http::Response r;
  r.status = 200;
  r.body = registry.render();
  r.headers.set("Content-Type", std::string(kMetricsContentType));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

namespace {

observability::CounterFamily& rate_limited(observability::MetricsRegistry& registry) {
  return registry.counter("authly_rate_limited_total", "Requests refused 429 by a rate limit, by limit", {"limit"});
}

observability::CounterFamily& logins(observability::MetricsRegistry& registry) {
  return registry.counter("authly_logins_total", "Sign-ins at the login page, by outcome", {"outcome"});
}

}  // namespace

void count_rate_limited(observability::MetricsRegistry& registry, std::string_view limit) {
  rate_limited_counter(registry, limit).inc();
}

observability::Counter& rate_limited_counter(observability::MetricsRegistry& registry, std::string_view limit) {
  return rate_limited(registry).with({std::string(limit)});
}

void count_login(observability::MetricsRegistry& registry, std::string_view outcome) {
  logins(registry).with({std::string(outcome)}).inc();
}

void register_endpoint_metrics(observability::MetricsRegistry& registry) {
  rate_limited(registry);
  logins(registry);
  TokenCounters{registry};
}

}  // namespace authly::endpoints
