#pragma once
// The jobs Authly's maintenance scheduler runs (app/maintenance_scheduler.hpp). Each is a plain
// function too, so tests and the CLI can run one without the thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "app/maintenance_scheduler.hpp"
#include "core/clock.hpp"
#include "endpoints/published_documents.hpp"
#include "oauth/signing_keys.hpp"
#include "services/expired_rows.hpp"
#include "store/store.hpp"

namespace authly::app {

inline constexpr const char* kPurgeJob = "purge_expired_rows";
inline constexpr const char* kSigningKeysJob = "signing_keys";
inline constexpr const char* kJwksDocumentJob = "jwks_document";
inline constexpr const char* kDiscoveryDocumentJob = "discovery_document";

// services::purge_expired_rows as of the clock's now, logged ("maintenance.purged") when it
// removed anything.
services::PurgeCounts purge_expired(store::Store& store, const core::Clock& clock, std::int64_t batch,
                                    const std::function<bool()>& stopping = {});

// Registers the purge every `interval` (0: never), `batch` rows per statement.
void add_purge_job(MaintenanceScheduler& scheduler, store::Store& store, const core::Clock& clock,
                   std::chrono::seconds interval, std::int64_t batch);

// Registers SigningKeys::maintain() every `interval`: the rotation state machine runs here, so no
// token or JWKS request writes to the key table.
void add_signing_keys_job(MaintenanceScheduler& scheduler, oauth::SigningKeys& keys, std::chrono::seconds interval);

// Registers the refreshes of the pre-serialized JWKS and discovery documents at their intervals
// (endpoints::PublishedDocuments::kJwksInterval, kDiscoveryInterval). The jobs serve whatever
// `documents` holds when they run (nothing while it is null): a rebuilt router swaps it.
using CurrentDocuments = std::atomic<std::shared_ptr<endpoints::PublishedDocuments>>;
void add_published_documents_jobs(MaintenanceScheduler& scheduler, const CurrentDocuments& documents);

}  // namespace authly::app
