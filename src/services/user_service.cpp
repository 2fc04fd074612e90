#include "services/user_service.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "crypto/ids.hpp"
#include "oauth/audit.hpp"

namespace authly::services {
namespace {

bool valid_username(std::string_view u) {
  if (u.empty() || u.size() > 64) return false;
  for (unsigned char c : u) {
    const bool ok = std::isalnum(c) || c == '.' || c == '_' || c == '@' || c == '+' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool valid_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',') return false;
  return true;
}

}  // namespace

UserService::UserService(store::Store& store, const crypto::PasswordHasher& hasher, core::Random& rng,
                         const core::Clock& clock)
    : store_(store), hasher_(hasher), rng_(rng), clock_(clock) {}

core::Result<store::User, ServiceError> UserService::create(const NewUser& input, const std::string& actor) {
  if (!valid_username(input.username))
    return core::fail(invalid("username", "username must be 1-64 characters of letters, digits and . _ @ + -"));
  if (!valid_email(input.email)) return core::fail(invalid("email", "email is not a valid address"));
  if (input.password.size() < 8) return core::fail(invalid("password", "password must be at least 8 characters"));
  if (input.password.size() > 1024) return core::fail(invalid("password", "password must be at most 1024 characters"));

  store::User user;
  user.id = crypto::uuid_v4(rng_);
  user.username = input.username;
  user.email = input.email;
  user.email_verified = input.email_verified;
  user.given_name = input.given_name;
  user.family_name = input.family_name;
  user.is_admin = input.is_admin;
  user.is_active = true;
  try {
    user.password_hash = hasher_.hash(input.password);
  } catch (const std::invalid_argument& e) {
    return core::fail(invalid("password", e.what()));
  }
  user.created_at = user.updated_at = clock_.now();

  try {
    store_.transaction([&](store::Store& tx) {
      tx.users().create(user);
      boost::json::object detail{{"username", user.username}, {"is_admin", user.is_admin}};
      oauth::audit(tx, user.created_at, "user.created", actor, user.id, "", detail);
    });
  } catch (const store::Conflict&) {
    return core::fail(conflict("username", "a user with this username or email already exists"));
  }
  return user;
}

std::optional<store::User> UserService::find(const std::string& id_or_username) {
  if (auto u = store_.users().find_by_id(id_or_username)) return u;
  return store_.users().find_by_username(id_or_username);
}

std::vector<store::User> UserService::list(int limit, int offset) { return store_.users().list(limit, offset); }

core::Result<store::User, ServiceError> UserService::disable(const std::string& id_or_username,
                                                             const std::string& actor) {
  auto user = find(id_or_username);
  if (!user) return core::fail(not_found("user", "no such user"));
  const auto now = clock_.now();
  store_.transaction([&](store::Store& tx) {
    tx.users().set_active(user->id, false, now);
    tx.sessions().end_all_for_user(user->id, now);
    tx.tokens().revoke_for_user(user->id, now);
    oauth::audit(tx, now, "user.disabled", actor, user->id, "", boost::json::object{});
  });
  user->is_active = false;
  user->updated_at = now;
  return *user;
}

core::Result<store::User, ServiceError> UserService::set_claims(const std::string& id_or_username,
                                                                const ClaimAssignments& claims,
                                                                const std::string& actor) {
  auto user = find(id_or_username);
  if (!user) return core::fail(not_found("user", "no such user"));
  auto updated = apply_claims(*user, claims);
  if (!updated) return core::fail(updated.error());
  updated->updated_at = clock_.now();
  boost::json::array names;
  for (const auto& c : claims) names.emplace_back(c.first);
  store_.transaction([&](store::Store& tx) {
    if (!tx.users().update(*updated)) throw std::runtime_error("user vanished during update");
    oauth::audit(tx, updated->updated_at, "user.updated", actor, updated->id, "",
                 boost::json::object{{"claims", names}});
  });
  return *updated;
}

}  // namespace authly::services
