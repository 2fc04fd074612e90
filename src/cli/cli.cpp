#include "cli/cli.hpp"

#include <iostream>

#include "cli/context.hpp"
#include "core/version.hpp"
#include "store/errors.hpp"

namespace authly::cli {

void Context::register_global_options(CLI::App& app) {
  app.add_option_function<std::string>(
         "--config", [this](const std::string& path) { config_file = path; }, "TOML configuration file")
      ->type_name("FILE");
  // One flag per non-secret key: --http-max-body-bytes for http.max_body_bytes. Secrets are read
  // from AUTHLY_X or AUTHLY_X_FILE only, so they never show in `ps`.
  for (const auto& key : config::known_keys()) {
    if (key.secret && key.key != "database_url" && key.key != "redis_url") continue;
    const std::string flag = config::flag_name(key.key);
    const std::string canonical = key.key;
    app.add_option_function<std::string>(
           flag, [this, canonical](const std::string& v) { flag_values[canonical] = v; }, key.description)
        ->type_name("VALUE")
        ->group("Configuration");
  }
}

const config::Config& Context::config() {
  if (!config_) {
    config::LoadOptions opts;
    opts.config_file = config_file;
    opts.environment = config::authly_environment();
    opts.flags = flag_values;
    config_ = config::load(opts);
  }
  return *config_;
}

app::Application& Context::application() {
  if (!app_) app_ = std::make_unique<app::Application>(config());
  return *app_;
}

std::string iso8601(core::TimePoint t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int run(int argc, char** argv) {
  CLI::App root{"Authly: OAuth 2.1 authorization server and OpenID Connect provider", "authly"};
  root.set_version_flag("--version", std::string("authly ") + core::kVersion);
  root.require_subcommand(1);
  root.fallthrough();  // global options may follow the sub-command: `authly user list --database-url ...`
  Context ctx;
  ctx.register_global_options(root);
  add_serve_command(root, ctx);
  add_db_command(root, ctx);
  add_user_command(root, ctx);
  add_client_command(root, ctx);
  add_scope_command(root, ctx);
  add_config_command(root, ctx);
  add_keys_command(root, ctx);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and --version print on stdout and succeed; usage errors print on stderr and exit 2.
    const int code = root.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const config::ConfigError& e) {
    std::cerr << "authly: configuration error: " << e.what() << '\n';
    return 2;
  } catch (const CommandError& e) {
    std::cerr << "authly: " << e.what() << '\n';
    return e.exit_code;
  } catch (const store::StoreError& e) {
    std::cerr << "authly: database error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "authly: error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace authly::cli
