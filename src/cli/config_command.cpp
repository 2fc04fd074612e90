#include <iostream>

#include "cli/context.hpp"

namespace authly::cli {

void add_config_command(CLI::App& root, Context& ctx) {
  auto* cfg = root.add_subcommand("config", "Inspect the configuration");
  cfg->require_subcommand(1);
  auto* show = cfg->add_subcommand("show", "Print the effective configuration as TOML (secrets redacted)");
  show->callback([&ctx] { std::cout << config::show(ctx.config()); });
}

}  // namespace authly::cli
