#include "cli/cli.hpp"

int main(int argc, char** argv) { return authly::cli::run(argc, argv); }
