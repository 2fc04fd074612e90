#include "oauth/password_login.hpp"

#include <mutex>

#include "core/text.hpp"
#include "crypto/hash.hpp"
#include "oauth/audit.hpp"

namespace authly::oauth {
namespace {

// A real hash of a throwaway password, so an unknown username costs one full verification too.
const std::string& dummy_hash(const crypto::PasswordHasher& hasher) {
  static std::once_flag once;
  static std::string hash;
  std::call_once(once, [&] { hash = hasher.hash("authly-timing-equaliser-password"); });
  return hash;
}

// The lockout counter of a username. Usernames are looked up case-insensitively, so "Alice" and
// "ALICE" share one counter; the name is hashed so that neither arbitrary-length input nor the
// names people try end up as keys in Redis.
std::string failures_key(std::string_view username) {
  return "login-fail:" + crypto::sha256_hex(core::ascii_lower(username));
}

}  // namespace

core::Result<store::User, LoginFailure> check_password_login(store::UserRepository& users,
                                                             const crypto::PasswordHasher& hasher,
                                                             cache::RateLimiter& limiter, const LoginPolicy& policy,
                                                             std::string_view username, std::string_view password,
                                                             std::string_view client_ip, core::TimePoint now) {
  if (!limiter.hit("login-ip:" + std::string(client_ip), policy.per_ip_per_minute, std::chrono::seconds(60)))
    return core::fail(LoginFailure::rate_limited);
  // Held for the verification and a possible re-hash. Taken before the failure counter moves, so a
  // shed attempt costs the account nothing.
  const auto permit = hasher.try_acquire();
  if (!permit) return core::fail(LoginFailure::busy);

  auto user = users.find_by_username(std::string(username));
  // Count first, verify after (an atomic increment, not check-then-act): the attempt that takes
  // the count past max_failures is refused without touching the password.
  const std::string key = failures_key(user ? std::string_view(user->username) : username);
  if (!limiter.hit(key, policy.max_failures, policy.lockout)) return core::fail(LoginFailure::locked);

  if (!user) {
    (void)hasher.verify(password, dummy_hash(hasher));
    return core::fail(LoginFailure::invalid_credentials);
  }
  if (!hasher.verify(password, user->password_hash)) return core::fail(LoginFailure::invalid_credentials);
  limiter.reset(key);
  if (!user->is_active) return core::fail(LoginFailure::disabled);

  users.record_login(user->id, now);
  user->last_login_at = now;
  if (hasher.needs_rehash(user->password_hash)) {
    user->password_hash = hasher.hash(password);
    user->updated_at = now;
    users.update(*user);
  }
  return *user;
}

std::string_view to_string(LoginFailure failure) noexcept {
  switch (failure) {
    case LoginFailure::invalid_credentials:
      return "invalid_credentials";
    case LoginFailure::locked:
      return "locked";
    case LoginFailure::rate_limited:
      return "rate_limited";
    case LoginFailure::disabled:
      return "disabled";
    case LoginFailure::busy:
      return "busy";
  }
  return "unknown";
}

void audit_login_success(store::Store& store, const std::string& user_id, const std::string& client_id,
                         const std::string& ip, core::TimePoint now) {
  audit(store, now, "login.success", user_id, user_id, ip, boost::json::object{{"client_id", client_id}});
}

void audit_login_failure(store::Store& store, std::string_view username, LoginFailure failure,
                         const std::string& client_id, const std::string& ip, core::TimePoint now) {
  if (failure == LoginFailure::busy) return;
  std::string user_id;
  if (failure != LoginFailure::rate_limited)
    if (auto user = store.users().find_by_username(std::string(username))) user_id = user->id;
  audit(store, now, "login.failure", user_id, user_id, ip,
        boost::json::object{{"client_id", client_id}, {"reason", to_string(failure)}});
}

core::Result<store::User, LoginFailure> password_sign_in(const PasswordLoginDeps& deps, std::string_view username,
                                                         std::string_view password, const std::string& client_id,
                                                         const std::string& ip, core::TimePoint now) {
  auto result =
      check_password_login(deps.store.users(), deps.hasher, deps.limiter, deps.policy, username, password, ip, now);
  if (result) {
    audit_login_success(deps.store, result->id, client_id, ip, now);
  } else if (result.error() != LoginFailure::busy) {
    audit_login_failure(deps.store, username, result.error(), client_id, ip, now);
  }
  return result;
}

}  // namespace authly::oauth
