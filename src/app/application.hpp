#pragma once
// Composition root: builds every part of Authly from one Config. The only room that sees concrete
// implementations (SQL store, Redis client, Beast server).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/maintenance_jobs.hpp"
#include "app/maintenance_scheduler.hpp"
#include "app/runtime_metrics.hpp"
#include "cache/cache_invalidation.hpp"
#include "cache/rate_limiter.hpp"
#include "cache/redis_client.hpp"
#include "cache/synced_rate_limiter.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "crypto/password.hpp"
#include "endpoints/context.hpp"
#include "http/router.hpp"
#include "http/server/server.hpp"
#include "oauth/cors_origins.hpp"
#include "oauth/signing_keys.hpp"
#include "observability/metrics.hpp"
#include "oidc/backchannel.hpp"
#include "outbound/fetch_executor.hpp"
#include "services/client_service.hpp"
#include "services/scope_service.hpp"
#include "services/user_service.hpp"
#include "store/queued_audit_store.hpp"
#include "store/store.hpp"

namespace authly::store::cached {
class CachedStore;
}

namespace authly::app {

// What first start created, to print for the operator.
struct BootstrapReport {
  std::vector<std::string> created;  // human-readable lines ("database ./var/authly.db")
  std::vector<store::MigrationInfo> applied;
  std::string admin_username;            // set when a first admin was created
  std::string admin_password_generated;  // set only when Authly generated it (printed once)
};

// What the application takes from its surroundings instead of making it: time, randomness and the
// password hasher. `authly serve` uses the defaults; tests inject a core::FixedClock (thread-safe)
// and, to observe or hold hashing, a hasher of their own. Everything else is built from Config the
// same way in both.
struct Runtime {
  std::shared_ptr<const core::Clock> clock = std::make_shared<core::SystemClock>();
  std::shared_ptr<core::Random> random = std::make_shared<core::SystemRandom>();
  // Builds the hasher from the policy config.password describes; empty: crypto::PasswordHasher.
  std::function<std::unique_ptr<crypto::PasswordHasher>(const crypto::PasswordPolicy&)> make_hasher;
};

class Application {
 public:
  // Opens the store (does not migrate). Throws store::StoreError / std::runtime_error.
  explicit Application(config::Config config, Runtime runtime = {});
  ~Application();

  const config::Config& config() const noexcept { return config_; }
  store::Store& store() noexcept { return *store_; }
  core::Random& random() noexcept { return rng_; }
  const core::Clock& clock() const noexcept { return clock_; }
  const crypto::PasswordHasher& hasher() const noexcept { return *hasher_; }
  cache::RedisClient* redis() noexcept { return redis_.get(); }

  services::UserService users() { return {*store_, *hasher_, rng_, clock_}; }
  services::ClientService clients() { return {*store_, rng_, clock_, client_changed()}; }
  services::ScopeService scopes() { return {*store_, clock_}; }

  // First start: data directory, master key, migrations (database.auto_migrate), first admin,
  // the first signing key. Must run before build_router().
  BootstrapReport bootstrap();
  // The 32-byte master key: from config, else <data_dir>/master.key (created 0600 if missing).
  const std::string& master_key();

  // Route table for the server. `draining` tells readiness that a graceful shutdown has begun.
  http::Router build_router(std::function<bool()> draining);
  // What build_router() wired, for tests that look inside (drain back-channel deliveries).
  endpoints::EndpointContext& context() { return *context_; }
  oauth::SigningKeys& signing_keys() { return *keys_; }
  // The server's options from config.http, with the JSON access log (at info) and error log.
  http::ServerOptions server_options() const;
  // With metrics.listen set: a server of its own for GET /metrics and /health/live on that address
  // (not started; build_router() then leaves /metrics out of the main routes). Null otherwise.
  // Call after build_router().
  std::unique_ptr<http::Server> metrics_server();
  // The server serving build_router()'s routes, for /metrics (connections, blocking pool); null
  // before it exists and once it is gone. Call before the server starts and before it is destroyed.
  void observe(const http::Server* server) noexcept { server_.store(server); }
  observability::MetricsRegistry& metrics() noexcept { return metrics_; }
  // The middleware every request passes: request id, security headers.
  std::vector<http::Middleware> middleware();
  // Waits for background deliveries (back-channel logout) to finish, at most `timeout`.
  bool drain_background(std::chrono::milliseconds timeout);
  // The maintenance scheduler (app/maintenance_jobs.hpp: the purge of expired rows every
  // database.purge_interval_s, 0: off; the signing-key rotation every keys.reload_interval_s, once
  // bootstrap() made the key set): started by `authly serve` once it listens, stopped on shutdown
  // (and by the destructor).
  void start_maintenance();
  void stop_maintenance();
  MaintenanceScheduler& maintenance() noexcept { return *maintenance_; }
  // The audit writer (audit.*): started by `authly serve` once it listens; stopped after the last
  // request has drained, writing every queued event. Until started (CLI commands, tests that do
  // not start it) audit events are written synchronously.
  void start_audit_writer();
  void stop_audit_writer();
  store::AuditWriter& audit_writer() noexcept { return *audit_writer_; }

 private:
  void add_metrics_route(http::Router& router);  // GET /metrics, on the blocking pool

  config::Config config_;
  Runtime runtime_;
  const core::Clock& clock_;
  core::Random& rng_;
  std::unique_ptr<crypto::PasswordHasher> hasher_;
  std::unique_ptr<store::Store> store_;                 // a CachedStore over a QueuedAuditStore
  store::cached::CachedStore* cached_store_ = nullptr;  // store_, for cache invalidation messages
  store::AuditWriter* audit_writer_ = nullptr;          // the QueuedAuditStore's, inside store_
  std::unique_ptr<cache::RedisClient> redis_;
  std::unique_ptr<cache::CacheInvalidation> invalidation_;  // before store_ in teardown: it calls into it
  std::unique_ptr<cache::RateLimiter> limiter_;
  std::unique_ptr<cache::SyncedRateLimiter> request_counts_;  // hot-path limits (client authentication)
  std::unique_ptr<oauth::SigningKeys> keys_;
  std::unique_ptr<oidc::BackchannelSender> backchannel_;
  std::unique_ptr<outbound::FetchExecutor> jwks_fetcher_;    // jwks_uri fetches, off the request pool
  std::string pairwise_key_;                                 // viewed by the use-cases
  std::unique_ptr<services::ClientService> client_service_;  // the registry the endpoints use
  std::unique_ptr<oauth::CorsOrigins> cors_origins_;         // origins browser apps may call from
  // What every ClientService this application hands out reports a write to: the CORS origin set.
  services::ClientChanged client_changed() {
    return [origins = cors_origins_.get()](const store::Client* saved) { origins->note_change(saved); };
  }
  std::unique_ptr<endpoints::EndpointContext> context_;
  CurrentDocuments documents_;  // the JWKS and discovery documents the routes serve
  bool documents_jobs_added_ = false;
  observability::MetricsRegistry metrics_;  // GET /metrics
  CurrentRouteMetrics route_metrics_;       // the last router's request counters
  std::atomic<const http::Server*> server_{nullptr};
  bool collectors_added_ = false;
  std::string master_key_;
  std::unique_ptr<MaintenanceScheduler> maintenance_;  // last: stopped before the store goes
};

// `authly serve`: bootstrap, print what was created, serve until SIGTERM/SIGINT. Returns the exit code.
int serve(config::Config config);

}  // namespace authly::app
