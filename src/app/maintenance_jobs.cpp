#include "app/maintenance_jobs.hpp"

#include <algorithm>

#include "observability/logger.hpp"

namespace authly::app {
namespace obs = observability;

services::PurgeCounts purge_expired(store::Store& store, const core::Clock& clock, std::int64_t batch,
                                    const std::function<bool()>& stopping) {
  const auto counts = services::purge_expired_rows(store, clock.now(), batch, stopping);
  if (counts.total() > 0)
    obs::info("maintenance.purged", {{"refresh_tokens", counts.refresh_tokens},
                                     {"deny_list", counts.deny_list},
                                     {"codes", counts.codes},
                                     {"interactions", counts.interactions},
                                     {"sessions", counts.sessions}});
  return counts;
}

void add_purge_job(MaintenanceScheduler& scheduler, store::Store& store, const core::Clock& clock,
                   std::chrono::seconds interval, std::int64_t batch, observability::MetricsRegistry& metrics) {
  auto& purged =
      metrics.counter("authly_purged_rows_total", "Expired rows removed by the purge job, by table", {"table"});
  // Every label exists from the start, so a rate() over it has data before the first purge.
  struct Tables {
    observability::Counter &refresh_tokens, &deny_list, &codes, &interactions, &sessions;
  } tables{purged.with({"refresh_tokens"}), purged.with({"deny_list"}), purged.with({"authorization_codes"}),
           purged.with({"interactions"}), purged.with({"sessions"})};
  scheduler.add(kPurgeJob, interval, [&store, &clock, batch, tables](const std::function<bool()>& stopping) {
    const auto counts = purge_expired(store, clock, batch, stopping);
    tables.refresh_tokens.inc(static_cast<std::uint64_t>(counts.refresh_tokens));
    tables.deny_list.inc(static_cast<std::uint64_t>(counts.deny_list));
    tables.codes.inc(static_cast<std::uint64_t>(counts.codes));
    tables.interactions.inc(static_cast<std::uint64_t>(counts.interactions));
    tables.sessions.inc(static_cast<std::uint64_t>(counts.sessions));
  });
}

void add_redis_health_job(MaintenanceScheduler& scheduler, cache::RedisClient& redis) {
  scheduler.add(kRedisHealthJob, std::chrono::seconds(1),
                [&redis, was_up = true](const std::function<bool()>&) mutable {
                  const bool up = redis.ping();
                  if (up == was_up) return;
                  was_up = up;
                  if (up)
                    obs::info("redis.up", {{"hint", "shared rate limits and cache invalidation resume"}});
                  else
                    obs::warn("redis.down",
                              {{"hint", "rate limits fall back to in-process counting; reconnecting with back-off"}});
                });
}

void add_signing_keys_job(MaintenanceScheduler& scheduler, oauth::SigningKeys& keys, std::chrono::seconds interval) {
  scheduler.add(kSigningKeysJob, interval, [&keys](const std::function<bool()>&) { keys.maintain(); });
}

void add_published_documents_jobs(MaintenanceScheduler& scheduler, const CurrentDocuments& documents) {
  using endpoints::PublishedDocuments;
  scheduler.add(kJwksDocumentJob, PublishedDocuments::kJwksInterval, [&documents](const std::function<bool()>&) {
    if (auto current = documents.load()) current->refresh_jwks();
  });
  scheduler.add(kDiscoveryDocumentJob, PublishedDocuments::kDiscoveryInterval,
                [&documents](const std::function<bool()>&) {
                  if (auto current = documents.load()) current->refresh_discovery();
                });
}

void add_cors_origins_job(MaintenanceScheduler& scheduler, oauth::CorsOrigins& origins, store::Store& store,
                          std::chrono::milliseconds max_staleness) {
  const auto interval = std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(max_staleness));
  scheduler.add(kCorsOriginsJob, interval,
                [&origins, &store](const std::function<bool()>&) { origins.refresh(store); });
}

void add_rate_limit_sync_job(MaintenanceScheduler& scheduler, cache::SyncedRateLimiter& counts) {
  scheduler.add(kRateLimitSyncJob, std::chrono::seconds(1), [&counts](const std::function<bool()>&) { counts.sync(); });
}

}  // namespace authly::app
