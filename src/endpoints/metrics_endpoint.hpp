#pragma once
// GET /metrics: the Prometheus text exposition (format 0.0.4) of `registry`, never cached.
// What the families are is observability/metrics.hpp's and app/runtime_metrics.hpp's business.
#include <string_view>

#include "http/response.hpp"
#include "observability/metrics.hpp"

namespace authly::endpoints {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

http::Response metrics(const observability::MetricsRegistry& registry);

// The counters endpoints keep, each family in one place: rate-limit refusals by limit
// ("authorize", "registration", "login", "client_authentication"), sign-ins at the login page by
// outcome ("success" or an oauth::LoginFailure name).
void count_rate_limited(observability::MetricsRegistry& registry, std::string_view limit);
// The series of one limit, for a route that counts without looking it up each time.
observability::Counter& rate_limited_counter(observability::MetricsRegistry& registry, std::string_view limit);
void count_login(observability::MetricsRegistry& registry, std::string_view outcome);

// Makes every family the endpoints count, so /metrics names each from the start (with no series
// until something is counted).
void register_endpoint_metrics(observability::MetricsRegistry& registry);

}  // namespace authly::endpoints
