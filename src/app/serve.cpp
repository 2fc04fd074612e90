#include <iostream>

#include "app/application.hpp"
#include "core/version.hpp"
#include "observability/logger.hpp"

namespace authly::app {
namespace obs = observability;

namespace {

obs::Level to_level(config::LogLevel l) {
  switch (l) {
    case config::LogLevel::trace:
      return obs::Level::trace;
    case config::LogLevel::debug:
      return obs::Level::debug;
    case config::LogLevel::info:
      return obs::Level::info;
    case config::LogLevel::warn:
      return obs::Level::warn;
    case config::LogLevel::error:
      return obs::Level::error;
    case config::LogLevel::off:
      break;
  }
  return obs::Level::off;
}

void print_report(const BootstrapReport& report, const config::Config& cfg) {
  for (const auto& line : report.created) std::cout << "authly: created " << line << '\n';
  if (!report.admin_username.empty()) {
    std::cout << "authly: first admin user: " << report.admin_username << '\n';
    if (!report.admin_password_generated.empty())
      std::cout << "authly: generated password (shown once, store it now): " << report.admin_password_generated << '\n';
    else
      std::cout << "authly: password: the one given in AUTHLY_ADMIN_PASSWORD\n";
  }
  std::cout << "authly: issuer " << cfg.issuer << "; manage users and clients with `authly user ...` and "
            << "`authly client ...` (same --config / AUTHLY_* settings)\n";
}

}  // namespace

int serve(config::Config config) {
  obs::init_logging(to_level(config.log_level), config.log_format == config::LogFormat::json);
  Application app(std::move(config));
  const BootstrapReport report = app.bootstrap();
  print_report(report, app.config());

  // The router is built before the server exists; readiness reads the server's draining state
  // through this pointer once it is set.
  http::Server* server_ptr = nullptr;
  http::Router router = app.build_router([&server_ptr] { return server_ptr != nullptr && server_ptr->draining(); });
  http::ServerOptions options = app.server_options();
  std::vector<http::Middleware> middleware = app.middleware();
  http::Server server(options, std::move(router), std::move(middleware));
  server_ptr = &server;
  app.observe(&server);
  std::unique_ptr<http::Server> metrics_server = app.metrics_server();
  server.catch_stop_signals();
  if (metrics_server) metrics_server->start();
  server.start();
  app.start_audit_writer();
  app.start_maintenance();
  std::cout << "authly: listening on http://" << app.config().listen_host() << ':' << server.port() << " (version "
            << core::kVersion << ", database " << app.store().backend() << ")" << std::endl;
  obs::info("server.started", {{"listen", app.config().listen}, {"issuer", app.config().issuer}});
  if (metrics_server)
    obs::info("metrics.listening", {{"listen", app.config().metrics.listen}, {"port", metrics_server->port()}});
  server.run_until_stopped();
  app.observe(nullptr);
  // Scraped until the main server has drained (the shutdown's own numbers are worth seeing).
  if (metrics_server) metrics_server->stop();
  metrics_server.reset();
  app.stop_maintenance();
  // Logout tokens queued by the last requests still go out, within the shutdown grace period.
  if (!app.drain_background(std::chrono::milliseconds(app.config().http.shutdown_grace_ms)))
    obs::warn("server.background_not_drained");
  // After the last request: every audit event it queued is written before the process exits.
  app.stop_audit_writer();
  if (const auto dropped = app.audit_writer().dropped(); dropped > 0)
    obs::warn("audit.events_dropped_total", {{"dropped_total", static_cast<std::int64_t>(dropped)}});
  obs::info("server.stopped");
  return 0;
}

}  // namespace authly::app
