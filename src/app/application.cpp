#include "app/application.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/maintenance_jobs.hpp"
#include "app/private_storage.hpp"
#include "app/runtime_metrics.hpp"
#include "app/use_cases.hpp"
#include "core/base64url.hpp"
#include "crypto/ids.hpp"
#include "endpoints/browser_routes.hpp"
#include "endpoints/health.hpp"
#include "endpoints/metadata_routes.hpp"
#include "endpoints/metrics_endpoint.hpp"
#include "endpoints/oidc_routes.hpp"
#include "endpoints/token_routes.hpp"
#include "http/server/standard_middleware.hpp"
#include "jose/algorithm.hpp"
#include "observability/logger.hpp"
#include "oidc/subject.hpp"
#include "outbound/backchannel_delivery.hpp"
#include "outbound/jwks_fetcher.hpp"
#include "store/cached/cached_store.hpp"

namespace authly::app {
namespace fs = std::filesystem;
namespace obs = observability;

namespace {

crypto::PasswordPolicy password_policy(const config::PasswordConfig& p) {
  crypto::PasswordPolicy policy;
  policy.algorithm = p.algorithm == config::PasswordAlgorithm::bcrypt ? crypto::PasswordPolicy::Algorithm::bcrypt
                                                                      : crypto::PasswordPolicy::Algorithm::argon2id;
  policy.bcrypt_cost = p.bcrypt_cost;
  policy.argon2_ops_limit = p.argon2_ops_limit;
  policy.argon2_mem_limit_kib = p.argon2_mem_limit_kib;
  policy.max_concurrent_hashes = p.max_concurrent_hashes;
  return policy;
}

store::AuditWriterOptions audit_writer_options(const config::AuditConfig& c) {
  store::AuditWriterOptions o;
  o.queue_limit = static_cast<std::size_t>(c.queue_limit);
  o.flush_interval = std::chrono::milliseconds(c.flush_interval_ms);
  o.batch_size = static_cast<std::size_t>(c.batch_size);
  // From the writer thread, at most once per batch: a full queue never costs a request a log write.
  o.on_dropped = [](std::uint64_t since, std::uint64_t total) {
    obs::warn("audit.events_dropped", {{"dropped", static_cast<std::int64_t>(since)},
                                       {"dropped_total", static_cast<std::int64_t>(total)},
                                       {"hint", "audit.queue_limit reached: the database is slow or unreachable"}});
  };
  o.on_write_error = [](const std::string& what, std::size_t batch) {
    obs::warn("audit.write_failed", {{"error", what}, {"events", static_cast<std::int64_t>(batch)}});
  };
  return o;
}

bool is_embedded(const std::string& url) { return url.rfind("sqlite:", 0) == 0; }

// Writes a secret file readable by its owner only; refuses to overwrite.
void write_private_file(const fs::path& path, const std::string& content) {
  const mode_t old = ::umask(077);
  std::ofstream out(path, std::ios::out | std::ios::trunc);
  ::umask(old);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << content << '\n';
  out.close();
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
}

}  // namespace

Application::Application(config::Config config, Runtime runtime)
    : config_(std::move(config)),
      runtime_(std::move(runtime)),
      clock_(*runtime_.clock),
      rng_(*runtime_.random),
      hasher_(runtime_.make_hasher ? runtime_.make_hasher(password_policy(config_.password))
                                   : std::make_unique<crypto::PasswordHasher>(password_policy(config_.password))) {
  if (is_embedded(config_.effective_database_url()) && config_.database_url.empty())
    ensure_private_directory(config_.data_dir);
  // Before SQLite opens (and so creates) it: the database holds password hashes and personal data.
  if (const auto file = store::sqlite_file_path(config_.effective_database_url()); !file.empty())
    ensure_private_database_file(file);
  // CachedStore -> QueuedAuditStore -> SQL store: reads of clients, scopes, keys and the deny-list
  // come from memory; audit appends outside a transaction queue for the group-commit writer, whose
  // batches go straight to SQL (they touch no cached table).
  auto queued = std::make_unique<store::QueuedAuditStore>(
      store::open_store({config_.effective_database_url(), config_.database.pool_size,
                         config_.database.connect_timeout_ms,
                         config_.database.sqlite_synchronous == config::SqliteSynchronous::full}),
      audit_writer_options(config_.audit));
  audit_writer_ = &queued->writer();
  auto cached = std::make_unique<store::cached::CachedStore>(
      std::move(queued), clock_,
      store::cached::CacheOptions{std::chrono::milliseconds(config_.cache.max_staleness_ms)});
  cached_store_ = cached.get();
  store_ = std::move(cached);
  if (!config_.redis_url.empty())
    redis_ = std::make_unique<cache::RedisClient>(cache::parse_redis_url(config_.redis_url),
                                                  std::chrono::milliseconds(config_.database.connect_timeout_ms));
  if (!config_.redis_url.empty()) {
    invalidation_ = std::make_unique<cache::CacheInvalidation>(
        cache::parse_redis_url(config_.redis_url), std::chrono::milliseconds(config_.database.connect_timeout_ms),
        [cached = cached_store_] { cached->expire_all(); });
    cached_store_->on_change([channel = invalidation_.get()](const std::string& name) { channel->publish(name); });
  }
  limiter_ = cache::make_rate_limiter(redis_.get(), clock_);
  request_counts_ = std::make_unique<cache::SyncedRateLimiter>(redis_.get(), clock_);
  maintenance_ = std::make_unique<MaintenanceScheduler>();
  cors_origins_ = std::make_unique<oauth::CorsOrigins>(config_.http.cors_origins);
  add_purge_job(*maintenance_, *store_, clock_, std::chrono::seconds(config_.database.purge_interval_s),
                config_.database.purge_batch_size, metrics_);
  if (redis_) add_redis_health_job(*maintenance_, *redis_);
  add_rate_limit_sync_job(*maintenance_, *request_counts_);
}

Application::~Application() = default;

const std::string& Application::master_key() {
  if (!master_key_.empty()) return master_key_;
  if (!config_.master_key.empty()) {
    auto raw = core::base64url_decode(config_.master_key);
    if (!raw || raw->size() != 32) throw std::runtime_error("master_key: must be base64url of 32 bytes");
    master_key_ = *raw;
    return master_key_;
  }
  const fs::path path = fs::path(config_.data_dir) / "master.key";
  if (fs::exists(path)) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    auto raw = core::base64url_decode(text);
    if (!raw || raw->size() != 32) throw std::runtime_error(path.string() + ": not a base64url 32-byte key");
    master_key_ = *raw;
    return master_key_;
  }
  throw std::runtime_error("no master key: set AUTHLY_MASTER_KEY(_FILE) or run bootstrap");
}

BootstrapReport Application::bootstrap() {
  BootstrapReport report;
  ensure_private_directory(config_.data_dir);  // the master key is generated here

  if (config_.master_key.empty()) {
    const fs::path path = fs::path(config_.data_dir) / "master.key";
    if (!fs::exists(path)) {
      std::string key(32, '\0');
      rng_.fill(std::span(reinterpret_cast<std::uint8_t*>(key.data()), key.size()));
      write_private_file(path, core::base64url_encode(key));
      report.created.push_back("master key " + path.string() + " (mode 0600; back it up: it encrypts signing keys)");
    }
  }
  master_key();  // validates whichever source is configured

  if (config_.database.auto_migrate) {
    report.applied = store_->migrate();
    if (!report.applied.empty() && is_embedded(config_.effective_database_url()))
      report.created.push_back("database " + config_.effective_database_url());
    for (const auto& m : report.applied)
      report.created.push_back("schema migration " + std::to_string(m.version) + " " + m.name);
  } else {
    for (const auto& m : store_->migration_status())
      if (!m.applied)
        throw std::runtime_error("database migration " + std::to_string(m.version) +
                                 " is pending: run `authly db upgrade` (or set database.auto_migrate=true)");
  }

  // Signing keys are generated on first start, sealed under the master key (DESIGN.md §4).
  const auto existing = store_->keys().list();
  if (!keys_) {  // once: the maintenance job holds on to this key set
    keys_ = oauth::make_signing_keys(*store_, master_key(), rng_, clock_, config_);
    add_signing_keys_job(*maintenance_, *keys_, std::chrono::seconds(config_.keys.reload_interval_s));
  }
  const auto alg = jose::algorithm_from_string(config_.oauth.signing_alg);
  if (!alg) throw std::runtime_error("oauth.signing_alg: unsupported algorithm " + config_.oauth.signing_alg);
  // The access-token algorithm and RS256, the ID-token default (OIDC Core §15.1), exist before the
  // first request, so relying parties find both in the first JWKS they fetch. Other algorithms a
  // client registers get their key on first use.
  for (const auto a : {*alg, jose::Algorithm::RS256}) {
    const bool had = std::any_of(existing.begin(), existing.end(),
                                 [&](const store::SigningKey& k) { return k.alg == jose::to_string(a); });
    const auto key = keys_->active(a);
    if (!had) report.created.push_back("signing key " + key->kid() + " (" + std::string(jose::to_string(a)) + ")");
  }

  if (store_->users().count() == 0) {
    services::NewUser admin;
    admin.username = config_.admin_username.empty() ? "admin" : config_.admin_username;
    admin.email =
        admin.username.find('@') != std::string::npos ? admin.username : admin.username + "@localhost.localdomain";
    admin.is_admin = true;
    if (config_.admin_password.empty()) {
      admin.password = crypto::random_password(rng_);
      report.admin_password_generated = admin.password;
    } else {
      admin.password = config_.admin_password;
    }
    auto created = users().create(admin, "system");
    if (!created) throw std::runtime_error("first admin: " + created.error().field + ": " + created.error().message);
    report.admin_username = admin.username;
    report.created.push_back("admin user '" + admin.username + "'");
  }
  return report;
}

void Application::start_maintenance() { maintenance_->start(); }

void Application::stop_maintenance() { maintenance_->stop(); }

void Application::start_audit_writer() { audit_writer_->start(); }

void Application::stop_audit_writer() { audit_writer_->stop(); }

bool Application::drain_background(std::chrono::milliseconds timeout) {
  return !backchannel_ || backchannel_->drain(timeout);
}

http::ServerOptions Application::server_options() const {
  http::ServerOptions o;
  o.host = config_.listen_host();
  o.port = config_.listen_port();
  o.io_threads = config_.http.io_threads;
  o.blocking_threads = config_.http.blocking_threads;
  o.blocking_queue_limit = static_cast<std::size_t>(config_.http.blocking_queue_limit);
  o.max_header_bytes = static_cast<std::size_t>(config_.http.max_header_bytes);
  o.max_body_bytes = static_cast<std::size_t>(config_.http.max_body_bytes);
  o.max_connections = static_cast<std::size_t>(config_.http.max_connections);
  o.header_timeout = std::chrono::milliseconds(config_.http.header_timeout_ms);
  o.body_timeout = std::chrono::milliseconds(config_.http.body_timeout_ms);
  o.idle_timeout = std::chrono::milliseconds(config_.http.idle_timeout_ms);
  o.write_timeout = std::chrono::milliseconds(config_.http.write_timeout_ms);
  o.shutdown_grace = std::chrono::milliseconds(config_.http.shutdown_grace_ms);
  o.trusted_proxies = config_.http.trusted_proxies;
  if (const auto current = route_metrics_.load()) o.request_metrics = current->requests;
  // Server faults (a handler's exception, an invalid response header) go to the JSON log with the
  // rest; the client saw only the request id.
  o.error_log = [](std::string_view line) { obs::error("http.server_error", {{"detail", std::string(line)}}); };
  // Without info lines there is no access log: the server then skips building the entries.
  if (obs::enabled(obs::Level::info))
    o.access_log = [](const http::AccessLogEntry& e) {
      boost::json::object line{{"method", e.method},
                               {"path", e.path},
                               {"route", e.route},
                               {"status", e.status},
                               {"bytes", e.bytes},
                               {"duration_ms", e.duration_ms},
                               {"remote", e.remote_address},
                               {"request_id", e.request_id},
                               {"trace_id", e.trace.trace_id_view()},
                               {"user_agent", e.user_agent}};
      // Only what is known: the caller's span when it sent a traceparent, the client when the
      // endpoint authenticated or identified one.
      if (e.trace.has_parent()) line["parent_span_id"] = e.trace.parent_id_view();
      if (!e.client_id.empty()) line["client_id"] = e.client_id;
      obs::info("http.request", line);
    };
  return o;
}

std::vector<http::Middleware> Application::middleware() {
  return {http::request_id_middleware(rng_), http::trace_context_middleware(), http::security_headers_middleware()};
}

void Application::add_metrics_route(http::Router& router) {
  router.add(
      http::Method::get, "/metrics", [this](http::Request&) { return endpoints::metrics(metrics_); },
      http::Execution::blocking, "metrics");
}

std::unique_ptr<http::Server> Application::metrics_server() {
  if (config_.metrics.listen.empty()) return nullptr;
  if (!collectors_added_) throw std::logic_error("Application::build_router() must run before metrics_server()");
  http::Router router;
  router.add(http::Method::get, "/health/live", [](http::Request&) { return endpoints::health_live(); });
  add_metrics_route(router);
  // A scraper or two: small, and apart from the public listener's connection and queue limits, so
  // that /metrics still answers while those shed load. No access log: scrapes are not traffic.
  http::ServerOptions o = server_options();
  o.host = config_.metrics_host();
  o.port = config_.metrics_port();
  o.io_threads = 1;
  o.blocking_threads = 1;
  o.blocking_queue_limit = 16;
  o.max_connections = 64;
  o.access_log = nullptr;
  o.request_metrics = nullptr;
  return std::make_unique<http::Server>(std::move(o), std::move(router), middleware());
}

http::Router Application::build_router(std::function<bool()> draining) {
  http::Router router;
  auto live = [](http::Request&) { return endpoints::health_live(); };
  auto ready = [this, draining](http::Request&) {
    std::vector<endpoints::DependencyCheck> checks;
    checks.push_back({"database", [this] { return store_->ping(); }});
    if (redis_) checks.push_back({"redis", [this] { return redis_->ping(); }, false});
    return endpoints::health_ready(checks, draining && draining());
  };
  router.add(http::Method::get, "/health/live", live);
  router.add(http::Method::get, "/health/ready", ready, http::Execution::blocking, "health");
  router.add(http::Method::get, "/health", ready, http::Execution::blocking, "health");

  if (!keys_) throw std::logic_error("Application::bootstrap() must run before build_router()");
  backchannel_ = outbound::make_backchannel_sender(config_.oidc);
  jwks_fetcher_ = std::make_unique<outbound::FetchExecutor>(
      config_.oauth.jwks_fetch_threads, static_cast<std::size_t>(config_.oauth.jwks_fetch_queue_limit));
  pairwise_key_ = oidc::derive_pairwise_key(master_key());
  client_service_ = std::make_unique<services::ClientService>(*store_, rng_, clock_, client_changed());
  cors_origins_->reload(*store_);  // the maintenance job keeps it current from here on
  context_ = std::make_unique<endpoints::EndpointContext>(endpoints::EndpointContext{
      config_, clock_, rng_, *keys_, *limiter_, metrics_,
      bind_use_cases({config_, *store_, rng_, *hasher_, *keys_, *limiter_, *backchannel_, *client_service_,
                      pairwise_key_, outbound::make_jwks_fetch(*jwks_fetcher_), request_counts_.get()}),
      *cors_origins_});
  endpoints::register_browser_routes(router, *context_);
  endpoints::register_token_routes(router, *context_);
  documents_.store(endpoints::register_metadata_routes(router, *context_));
  if (!documents_jobs_added_) {  // the jobs keeping what the routes serve current, once
    add_published_documents_jobs(*maintenance_, documents_);
    add_cors_origins_job(*maintenance_, *cors_origins_, *store_,
                         std::chrono::milliseconds(config_.cache.max_staleness_ms));
    documents_jobs_added_ = true;
  }
  endpoints::register_oidc_routes(router, *context_);
  if (config_.metrics.listen.empty()) add_metrics_route(router);

  // Last: every route has its slot in the request counters.
  route_metrics_.store(std::make_shared<const RouteMetrics>(
      RouteMetrics{route_labels(router), std::make_shared<http::RequestMetrics>(router.routes().size())}));
  if (!collectors_added_) {
    endpoints::register_endpoint_metrics(metrics_);
    add_runtime_collectors(metrics_, {&route_metrics_, &server_, maintenance_.get(), redis_.get(), store_.get(),
                                      audit_writer_, &clock_, &backchannel_});
    collectors_added_ = true;
  }
  return router;
}

}  // namespace authly::app
