#pragma once
// The jobs Authly's maintenance scheduler runs (app/maintenance_scheduler.hpp). Each is a plain
// function too, so tests and the CLI can run one without the thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "app/maintenance_scheduler.hpp"
#include "cache/redis_client.hpp"
#include "cache/synced_rate_limiter.hpp"
#include "core/clock.hpp"
#include "endpoints/published_documents.hpp"
#include "oauth/cors_origins.hpp"
#include "oauth/signing_keys.hpp"
#include "observability/metrics.hpp"
#include "services/expired_rows.hpp"
#include "store/store.hpp"

namespace authly::app {

inline constexpr const char* kPurgeJob = "purge_expired_rows";
inline constexpr const char* kSigningKeysJob = "signing_keys";
inline constexpr const char* kJwksDocumentJob = "jwks_document";
inline constexpr const char* kDiscoveryDocumentJob = "discovery_document";
inline constexpr const char* kRedisHealthJob = "redis_health";
inline constexpr const char* kRateLimitSyncJob = "rate_limit_sync";

// services::purge_expired_rows as of the clock's now, logged ("maintenance.purged") when it
// removed anything.
services::PurgeCounts purge_expired(store::Store& store, const core::Clock& clock, std::int64_t batch,
                                    const std::function<bool()>& stopping = {});

// Registers the purge every `interval` (0: never), `batch` rows per statement; each run adds what
// it removed to authly_purged_rows_total{table} in `metrics`.
void add_purge_job(MaintenanceScheduler& scheduler, store::Store& store, const core::Clock& clock,
                   std::chrono::seconds interval, std::int64_t batch, observability::MetricsRegistry& metrics);

// Registers a PING of Redis every second: the client reconnects (with its back-off) even when no
// request needs Redis, and each change between reachable and unreachable is logged once
// ("redis.down" while limits fall back to in-process counting, "redis.up").
void add_redis_health_job(MaintenanceScheduler& scheduler, cache::RedisClient& redis);

// Registers SyncedRateLimiter::sync() every second: request counts exchanged with Redis (when
// configured) and ended windows dropped.
void add_rate_limit_sync_job(MaintenanceScheduler& scheduler, cache::SyncedRateLimiter& counts);

// Registers SigningKeys::maintain() every `interval`: the rotation state machine runs here, so no
// token or JWKS request writes to the key table.
void add_signing_keys_job(MaintenanceScheduler& scheduler, oauth::SigningKeys& keys, std::chrono::seconds interval);

// Registers the refreshes of the pre-serialized JWKS and discovery documents at their intervals
// (endpoints::PublishedDocuments::kJwksInterval, kDiscoveryInterval). The jobs serve whatever
// `documents` holds when they run (nothing while it is null): a rebuilt router swaps it.
using CurrentDocuments = std::atomic<std::shared_ptr<endpoints::PublishedDocuments>>;
void add_published_documents_jobs(MaintenanceScheduler& scheduler, const CurrentDocuments& documents);

// Registers CorsOrigins::refresh() every `max_staleness` rounded up to whole seconds: a client the
// CLI or another instance registered, changed or removed moves the CORS origin set within that
// bound (one version query per run; the clients are read again only when they changed).
inline constexpr const char* kCorsOriginsJob = "cors_origins";
void add_cors_origins_job(MaintenanceScheduler& scheduler, oauth::CorsOrigins& origins, store::Store& store,
                          std::chrono::milliseconds max_staleness);

}  // namespace authly::app
