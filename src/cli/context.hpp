#pragma once
// Shared state of one CLI invocation: the global options and the lazily loaded configuration.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/application.hpp"
#include "config/config.hpp"

namespace authly::cli {

// A failure to report on stderr with this exit code.
struct CommandError : std::runtime_error {
  CommandError(int code, const std::string& message) : std::runtime_error(message), exit_code(code) {}
  int exit_code;
};

class Context {
 public:
  std::optional<std::string> config_file;
  std::map<std::string, std::string> flag_values;  // canonical key -> value, only flags given

  // Registers --config and one flag per configuration key on `app` (inherited by sub-commands).
  void register_global_options(CLI::App& app);
  const config::Config& config();   // loads once; ConfigError propagates
  app::Application& application();  // opens the store once

 private:
  std::map<std::string, std::string> raw_flags_;
  std::optional<config::Config> config_;
  std::unique_ptr<app::Application> app_;
};

void add_serve_command(CLI::App& root, Context& ctx);
void add_db_command(CLI::App& root, Context& ctx);
void add_user_command(CLI::App& root, Context& ctx);
void add_client_command(CLI::App& root, Context& ctx);
void add_scope_command(CLI::App& root, Context& ctx);
void add_config_command(CLI::App& root, Context& ctx);
void add_keys_command(CLI::App& root, Context& ctx);

// Formats a time as ISO 8601 UTC for human output.
std::string iso8601(core::TimePoint t);

}  // namespace authly::cli
