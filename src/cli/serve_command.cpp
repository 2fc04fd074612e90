#include "cli/context.hpp"

namespace authly::cli {

void add_serve_command(CLI::App& root, Context& ctx) {
  auto* cmd = root.add_subcommand("serve", "Run the HTTP server (migrates the embedded database on first start)");
  cmd->callback([&ctx] {
    const int code = app::serve(ctx.config());
    if (code != 0) throw CommandError(code, "server stopped with an error");
  });
}

}  // namespace authly::cli
