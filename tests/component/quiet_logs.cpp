// Component tests run the application with its JSON access and error logs wired as in `authly
// serve`; at warn, as an operator would run a quiet server, so the test output shows only faults.
#include <gtest/gtest.h>

#include "observability/logger.hpp"

namespace {

class QuietLogs : public ::testing::Environment {
 public:
  void SetUp() override { authly::observability::init_logging(authly::observability::Level::warn, true); }
};

const auto* const kQuietLogs = ::testing::AddGlobalTestEnvironment(new QuietLogs);

}  // namespace
