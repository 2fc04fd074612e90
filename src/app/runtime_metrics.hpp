#pragma once
// The /metrics families of what the application runs, read when scraped: build info, the HTTP
// server (requests by route template, method and status class with their latency; connections;
// the blocking pool), the database (up, connection pool, active sessions), the maintenance jobs,
// Redis, the signing keys' ages, the audit writer and the back-channel deliveries by outcome. The
// request-path counters (tokens, errors, logins, rate limits) are counted where they happen
// (endpoints/).
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/maintenance_scheduler.hpp"
#include "cache/redis_client.hpp"
#include "core/clock.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"
#include "http/server/server.hpp"
#include "observability/metrics.hpp"
#include "oidc/backchannel.hpp"
#include "store/audit_writer.hpp"
#include "store/store.hpp"

namespace authly::app {

// The route labels of `router`, by Route::index: {template, method}.
std::vector<std::pair<std::string, std::string>> route_labels(const http::Router& router);

// What the server counts per route, with the labels of the router it serves.
struct RouteMetrics {
  std::vector<std::pair<std::string, std::string>> routes;  // route_labels()
  std::shared_ptr<http::RequestMetrics> requests;
};
using CurrentRouteMetrics = std::atomic<std::shared_ptr<const RouteMetrics>>;

// Read at every scrape; each pointer outlives the registry's collectors.
struct RuntimeSources {
  const CurrentRouteMetrics* requests = nullptr;             // swapped when a router is rebuilt
  const std::atomic<const http::Server*>* server = nullptr;  // null until the server exists
  MaintenanceScheduler* maintenance = nullptr;
  cache::RedisClient* redis = nullptr;  // null: no Redis configured (no authly_redis_up)
  store::Store* store = nullptr;        // up, pool, active sessions, the signing keys' ages
  store::AuditWriter* audit = nullptr;
  const core::Clock* clock = nullptr;
  const std::unique_ptr<oidc::BackchannelSender>* backchannel = nullptr;  // replaced with a rebuilt router
};

void add_runtime_collectors(observability::MetricsRegistry& registry, RuntimeSources sources);

}  // namespace authly::app
