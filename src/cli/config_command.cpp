#include <iostream>
#include <memory>

#include "cli/context.hpp"

namespace authly::cli {

void add_config_command(CLI::App& root, Context& ctx) {
  auto* cfg = root.add_subcommand("config", "Inspect the configuration");
  cfg->require_subcommand(1);
  auto* show = cfg->add_subcommand("show", "Print the effective configuration as TOML (secrets redacted)");
  show->callback([&ctx] { std::cout << config::show(ctx.config()); });
  // Needs no configuration: it describes the keys, not this installation's values.
  auto* keys = cfg->add_subcommand("keys", "List every configuration key: environment name, default, range");
  auto markdown = std::make_shared<bool>(false);
  keys->add_flag("--markdown", *markdown, "As the Markdown table of docs/operations.md");
  keys->callback(
      [markdown] { std::cout << (*markdown ? config::key_reference_markdown() : config::key_reference_text()); });
}

}  // namespace authly::cli
