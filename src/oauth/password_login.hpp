#pragma once
// Checking a username and password, with the same limits for the login page and the password
// grant: per-IP attempt rate, per-account lockout after repeated failures, and equal work for
// unknown usernames (no user enumeration by timing).
#include <chrono>
#include <string_view>

#include "cache/rate_limiter.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/password.hpp"
#include "store/user_repository.hpp"

namespace authly::oauth {

enum class LoginFailure {
  invalid_credentials,  // unknown user or wrong password (callers show one generic message)
  locked,               // too many failures: account locked for the lockout window
  rate_limited,         // too many attempts from this IP
  disabled,             // right password, disabled account
};

struct LoginPolicy {
  int max_failures = 5;
  std::chrono::seconds lockout{900};
  int per_ip_per_minute = 30;
};

// On success: records the login time and, when the stored hash uses outdated parameters,
// re-hashes the password with the current policy.
core::Result<store::User, LoginFailure> check_password_login(store::UserRepository& users,
                                                             const crypto::PasswordHasher& hasher,
                                                             cache::RateLimiter& limiter, const LoginPolicy& policy,
                                                             std::string_view username, std::string_view password,
                                                             std::string_view client_ip, core::TimePoint now);

}  // namespace authly::oauth
