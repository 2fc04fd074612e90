#include "oauth/password_login.hpp"

#include <mutex>

namespace authly::oauth {
namespace {

// A real hash of a throwaway password, so an unknown username costs one full verification too.
const std::string& dummy_hash(const crypto::PasswordHasher& hasher) {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [&] { hash = hasher.hash("authly-timing-equaliser-password"); });
  return hash;
}

}  // namespace

core::Result<store::User, LoginFailure> check_password_login(store::UserRepository& users,
                                                             const crypto::PasswordHasher& hasher,
                                                             cache::RateLimiter& limiter, const LoginPolicy& policy,
                                                             std::string_view username, std::string_view password,
                                                             std::string_view client_ip, core::TimePoint now) {
  if (!limiter.hit("login-ip:" + std::string(client_ip), policy.per_ip_per_minute, std::chrono::seconds(60)))
    return core::fail(LoginFailure::rate_limited);

  auto user = users.find_by_username(std::string(username));
  if (!user) {
    (void)hasher.verify(password, dummy_hash(hasher));
    return core::fail(LoginFailure::invalid_credentials);
  }
  const std::string failures_key = "login-fail:" + user->id;
  if (limiter.count(failures_key) >= policy.max_failures) return core::fail(LoginFailure::locked);

  if (!hasher.verify(password, user->password_hash)) {
    limiter.hit(failures_key, policy.max_failures, policy.lockout);
    return core::fail(LoginFailure::invalid_credentials);
  }
  if (!user->is_active) return core::fail(LoginFailure::disabled);

  limiter.reset(failures_key);
  users.record_login(user->id, now);
  user->last_login_at = now;
  if (hasher.needs_rehash(user->password_hash)) {
    user->password_hash = hasher.hash(password);
    user->updated_at = now;
    users.update(*user);
  }
  return *user;
}

}  // namespace authly::oauth
