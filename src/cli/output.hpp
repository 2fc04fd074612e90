#pragma once
// Turning service results into CLI output and exit codes.
#include <string>

#include "cli/context.hpp"
#include "services/service_error.hpp"
#include "store/models.hpp"

namespace authly::cli {

// Throws CommandError: exit 2 for invalid input (the caller's mistake), 1 for conflicts and
// missing records.
[[noreturn]] void fail_with(const services::ServiceError& error);

std::string user_to_json(const store::User& user);

}  // namespace authly::cli
