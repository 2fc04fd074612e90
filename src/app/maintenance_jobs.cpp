#include "app/maintenance_jobs.hpp"

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
                   std::chrono::seconds interval, std::int64_t batch) {
  scheduler.add(kPurgeJob, interval, [&store, &clock, batch](const std::function<bool()>& stopping) {
    purge_expired(store, clock, batch, stopping);
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

}  // namespace authly::app
