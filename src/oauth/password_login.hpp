#pragma once
// Checking a username and password, with the same limits for the login page and the password
// grant: per-IP attempt rate, a bound on concurrent password hashing (load is shed, not queued),
// per-username lockout after repeated failures, and equal work for unknown usernames (no user
// enumeration by timing or by the lockout answer).
#include <chrono>
#include <string>
#include <string_view>

#include "cache/rate_limiter.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "crypto/password.hpp"
#include "store/store.hpp"
#include "store/user_repository.hpp"

namespace authly::oauth {

enum class LoginFailure {
  invalid_credentials,  // unknown user or wrong password (callers show one generic message)
  locked,               // too many failures for this username: locked for the lockout window
  rate_limited,         // too many attempts from this IP
  disabled,             // right password, disabled account
  busy,                 // every password-hashing slot is taken: try again shortly (503)
};

// What a client told to come back after `busy` waits (Retry-After).
inline constexpr std::chrono::seconds kBusyRetryAfter{1};

struct LoginPolicy {
  int max_failures = 5;
  std::chrono::seconds lockout{900};
  int per_ip_per_minute = 30;
};

// Failures are counted per username as typed, normalised (ASCII case folded, as lookups match),
// whether or not the account exists, so a locked real account and an unknown name behave alike.
// The counter is incremented BEFORE the password is checked and the check runs only while the
// count is within max_failures: N parallel guesses cost at most max_failures verifications, on the
// in-process limiter and on Redis alike. A right password resets the counter.
//
// On success: records the login time and, when the stored hash uses outdated parameters,
// re-hashes the password with the current policy.
core::Result<store::User, LoginFailure> check_password_login(store::UserRepository& users,
                                                             const crypto::PasswordHasher& hasher,
                                                             cache::RateLimiter& limiter, const LoginPolicy& policy,
                                                             std::string_view username, std::string_view password,
                                                             std::string_view client_ip, core::TimePoint now);

std::string_view to_string(LoginFailure failure) noexcept;

// The audit trail of a sign-in at the login page: "login.success" or "login.failure", the user id
// when the account exists (not looked up for rate_limited), the client the sign-in was for, the
// caller's IP and the failure's reason; never the password. `busy` is not audited: nothing was
// attempted.
void audit_login_success(store::Store& store, const std::string& user_id, const std::string& client_id,
                         const std::string& ip, core::TimePoint now);
void audit_login_failure(store::Store& store, std::string_view username, LoginFailure failure,
                         const std::string& client_id, const std::string& ip, core::TimePoint now);

// A sign-in at the login page: check_password_login, then its audit event (not for `busy`).
struct PasswordLoginDeps {
  store::Store& store;
  const crypto::PasswordHasher& hasher;
  cache::RateLimiter& limiter;
  LoginPolicy policy;
};
core::Result<store::User, LoginFailure> password_sign_in(const PasswordLoginDeps& deps, std::string_view username,
                                                         std::string_view password, const std::string& client_id,
                                                         const std::string& ip, core::TimePoint now);

}  // namespace authly::oauth
