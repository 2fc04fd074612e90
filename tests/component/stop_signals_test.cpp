// A supervisor's SIGTERM is a graceful stop from the moment the port answers: `authly serve` takes
// the signals before it starts listening, and a signal that arrives before run_until_stopped()
// waits is kept for it instead of killing the process with the default action.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>

#include "http/router.hpp"
#include "http/server/server.hpp"

namespace authly::http {
namespace {

using namespace std::chrono_literals;

ServerOptions quiet_options() {
  ServerOptions o;
  o.port = 0;
  o.io_threads = 1;
  o.blocking_threads = 1;
  o.shutdown_grace = 1s;
  return o;
}

TEST(StopSignals, SigtermBetweenStartAndRunIsAGracefulStop) {
  Server server(quiet_options(), Router{}, {});
  server.catch_stop_signals();
  server.start();
  ASSERT_NE(server.port(), 0);
  // Without catch_stop_signals() this kills the test binary (SIGTERM's default action).
  ASSERT_EQ(::raise(SIGTERM), 0);
  server.run_until_stopped();  // returns: the kept signal began the drain
  EXPECT_TRUE(server.draining());
}

TEST(StopSignals, CatchingAfterStartIsAWiringError) {
  Server server(quiet_options(), Router{}, {});
  server.start();
  EXPECT_THROW(server.catch_stop_signals(), std::logic_error);
  server.stop();
  server.run_until_stopped();
}

}  // namespace
}  // namespace authly::http
