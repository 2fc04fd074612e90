#pragma once
// `authly` command line (CLI11). Every command works on the configured database directly; none
// needs a running server.
namespace authly::cli {

// Parses argv, runs the chosen command and returns the process exit code:
// 0 success, 1 runtime failure (database down, not found), 2 usage or configuration error.
int run(int argc, char** argv);

}  // namespace authly::cli
