#include "app/runtime_metrics.hpp"

#include <charconv>
#include <chrono>

#include "core/version.hpp"

namespace authly::app {
namespace {

using observability::Exposition;
using observability::MetricLabels;

const char* const kStatusClass[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};

std::string bound_label(double bound) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, bound);
  return std::string(buf, ec == std::errc() ? end : buf);
}

void write_requests(Exposition& out, const RouteMetrics& s) {
  const auto series = s.requests->snapshot();
  auto labels_of = [&s](const http::RequestMetrics::Series& x) -> MetricLabels {
    const bool known = x.slot < s.routes.size();
    return MetricLabels{{"route", known ? s.routes[x.slot].first : "unmatched"},
                        {"method", known ? s.routes[x.slot].second : "any"},
                        {"status_class", kStatusClass[x.status_class - 1]}};
  };
  out.family("authly_http_requests_total", "HTTP requests answered, by route template, method and status class",
             "counter");
  for (const auto& x : series) out.sample("authly_http_requests_total", labels_of(x), x.count);
  out.family("authly_http_request_duration_seconds",
             "Time from the complete request header to the last byte of the response", "histogram");
  for (const auto& x : series) {
    auto labels = labels_of(x);
    for (std::size_t i = 0; i < http::RequestMetrics::kBounds.size(); ++i) {
      auto with_le = labels;
      with_le.emplace_back("le", bound_label(http::RequestMetrics::kBounds[i]));
      out.sample("authly_http_request_duration_seconds_bucket", with_le, x.buckets[i]);
    }
    auto inf = labels;
    inf.emplace_back("le", "+Inf");
    out.sample("authly_http_request_duration_seconds_bucket", inf, x.count);
    out.sample("authly_http_request_duration_seconds_sum", labels, x.sum_seconds);
    out.sample("authly_http_request_duration_seconds_count", labels, x.count);
  }
}

void write_server(Exposition& out, const http::Server& server) {
  const auto st = server.stats();
  out.family("authly_http_connections_open", "Client connections open now", "gauge");
  out.sample("authly_http_connections_open", {}, st.connections_open);
  out.family("authly_http_connections_accepted_total", "Client connections accepted", "counter");
  out.sample("authly_http_connections_accepted_total", {}, st.connections_accepted);
  out.family("authly_http_connections_refused_total",
             "Connections answered 503 and closed at once because http.max_connections were open", "counter");
  out.sample("authly_http_connections_refused_total", {}, st.connections_refused);
  out.family("authly_blocking_pool_running", "Requests running on the blocking pool now", "gauge");
  out.sample("authly_blocking_pool_running", {}, st.blocking_jobs_running);
  out.family("authly_blocking_pool_queue_depth", "Requests waiting for a blocking-pool thread", "gauge");
  out.sample("authly_blocking_pool_queue_depth", {}, st.blocking_jobs_queued);
  out.family("authly_blocking_pool_rejected_total", "Requests answered 503 because the blocking-pool queue was full",
             "counter");
  out.sample("authly_blocking_pool_rejected_total", {}, st.blocking_jobs_rejected);
  out.family("authly_blocking_pool_jobs_total", "Requests handed to the blocking pool, by what they block on",
             "counter");
  for (const auto& [reason, n] : st.blocking_jobs_by_reason)
    out.sample("authly_blocking_pool_jobs_total", {{"reason", reason}}, n);
}

void write_maintenance(Exposition& out, const MaintenanceScheduler& maintenance) {
  const auto jobs = maintenance.status();
  out.family("authly_maintenance_job_runs_total", "Runs of each maintenance job, successful or not", "counter");
  for (const auto& j : jobs) out.sample("authly_maintenance_job_runs_total", {{"task", j.name}}, j.runs);
  out.family("authly_maintenance_job_failures_total", "Runs of each maintenance job that failed", "counter");
  for (const auto& j : jobs) out.sample("authly_maintenance_job_failures_total", {{"task", j.name}}, j.failures);
  out.family("authly_maintenance_job_last_success_timestamp_seconds",
             "When each maintenance job last succeeded (Unix time; 0: never)", "gauge");
  for (const auto& j : jobs) {
    const auto since_epoch = std::chrono::duration<double>(j.last_success.time_since_epoch()).count();
    out.sample("authly_maintenance_job_last_success_timestamp_seconds", {{"task", j.name}}, since_epoch);
  }
  out.family("authly_maintenance_job_last_duration_seconds", "How long each maintenance job's last run took", "gauge");
  for (const auto& j : jobs)
    out.sample("authly_maintenance_job_last_duration_seconds", {{"task", j.name}}, j.last_duration.count());
}

// The age of each signing key that signs now (state active), by algorithm: rotation is overdue when
// it passes keys.rotation_interval.
void write_key_ages(Exposition& out, store::Store& store, const core::Clock& clock) {
  out.family("authly_signing_key_age_seconds",
             "Age of the active signing key of each algorithm, since it was activated", "gauge");
  for (const auto& key : store.keys().list()) {
    if (key.state != store::KeyState::active) continue;
    const auto since = key.activated_at.value_or(key.created_at);
    out.sample("authly_signing_key_age_seconds", {{"alg", key.alg}},
               std::chrono::duration<double>(clock.now() - since).count());
  }
}

// The pool is read from memory; the counts that need the database are left out of a scrape while
// it is unreachable (authly_database_up says so), so that the other families still arrive.
void write_database(Exposition& out, store::Store& store, const core::Clock& clock) {
  const bool up = store.ping();
  out.family("authly_database_up", "1 when the database answers a trivial query, 0 otherwise", "gauge");
  out.sample("authly_database_up", {}, std::uint64_t{up ? 1u : 0u});
  const auto pool = store.pool_stats();
  out.family("authly_db_pool_connections", "Connections the database pool may hold (database.pool_size)", "gauge");
  out.sample("authly_db_pool_connections", {}, pool.size);
  out.family("authly_db_pool_in_use", "Database connections leased now", "gauge");
  out.sample("authly_db_pool_in_use", {}, pool.in_use);
  out.family("authly_db_pool_waiting", "Callers waiting for a free database connection now", "gauge");
  out.sample("authly_db_pool_waiting", {}, pool.waiting);
  out.family("authly_db_pool_timeouts_total", "Callers that found no free database connection in time", "counter");
  out.sample("authly_db_pool_timeouts_total", {}, pool.timeouts);
  if (!up) return;
  try {
    const auto sessions = store.sessions().count_active(clock.now());
    // Every instance on one database reports the same number: aggregate with max(), not sum().
    out.family("authly_sessions_active", "Browser sessions neither ended nor expired (the whole database)", "gauge");
    out.sample("authly_sessions_active", {}, static_cast<std::uint64_t>(sessions));
    write_key_ages(out, store, clock);
  } catch (const store::StoreError&) {
    // Lost between the ping and the query: this scrape goes without them.
  }
}

void write_backchannel(Exposition& out, const oidc::BackchannelSender& sender) {
  const auto c = sender.counts();
  out.family("authly_backchannel_deliveries_total",
             "Back-channel logout deliveries by how they ended (delivered, failed after retries, refused by the "
             "address policy, dropped on a full queue)",
             "counter");
  out.sample("authly_backchannel_deliveries_total", {{"outcome", "delivered"}}, c.delivered);
  out.sample("authly_backchannel_deliveries_total", {{"outcome", "failed"}}, c.failed);
  out.sample("authly_backchannel_deliveries_total", {{"outcome", "refused"}}, c.refused);
  out.sample("authly_backchannel_deliveries_total", {{"outcome", "dropped"}}, c.dropped);
  out.family("authly_backchannel_retries_total", "Back-channel logout attempts scheduled again after a failure",
             "counter");
  out.sample("authly_backchannel_retries_total", {}, c.retries);
  out.family("authly_backchannel_queue_depth", "Back-channel logout deliveries waiting, retries included", "gauge");
  out.sample("authly_backchannel_queue_depth", {}, c.queued);
}

void write_audit(Exposition& out, const store::AuditWriter& audit) {
  out.family("authly_audit_events_written_total", "Audit events written to the database", "counter");
  out.sample("authly_audit_events_written_total", {}, audit.written());
  out.family("authly_audit_events_dropped_total", "Audit events dropped because the writer's queue was full",
             "counter");
  out.sample("authly_audit_events_dropped_total", {}, audit.dropped());
  out.family("authly_audit_queue_depth", "Audit events waiting to be written", "gauge");
  out.sample("authly_audit_queue_depth", {}, static_cast<std::uint64_t>(audit.queued()));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> route_labels(const http::Router& router) {
  std::vector<std::pair<std::string, std::string>> labels;
  for (const auto& route : router.routes()) labels.emplace_back(route.pattern, std::string(to_string(route.method)));
  return labels;
}

void add_runtime_collectors(observability::MetricsRegistry& registry, RuntimeSources sources) {
  registry.collect([s = std::move(sources)](Exposition& out) {
    out.family("authly_build_info", "Authly's version; the value is always 1", "gauge");
    out.sample("authly_build_info", {{"version", core::kVersion}}, std::uint64_t{1});
    if (s.requests)
      if (const auto current = s.requests->load(); current && current->requests) write_requests(out, *current);
    if (s.server)
      if (const http::Server* server = s.server->load()) write_server(out, *server);
    if (s.maintenance) write_maintenance(out, *s.maintenance);
    if (s.store && s.clock) write_database(out, *s.store, *s.clock);
    if (s.audit) write_audit(out, *s.audit);
    if (s.backchannel && *s.backchannel) write_backchannel(out, **s.backchannel);
    if (s.redis) {
      out.family("authly_redis_up", "1 when Redis answers a PING, 0 otherwise", "gauge");
      out.sample("authly_redis_up", {}, std::uint64_t{s.redis->ping() ? 1u : 0u});
    }
  });
}

}  // namespace authly::app
