#pragma once
// User accounts: creation with validated input and a hashed password, lookup, disabling.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "crypto/password.hpp"
#include "services/service_error.hpp"
#include "services/user_profile.hpp"
#include "store/store.hpp"

namespace authly::services {

struct NewUser {
  std::string username;
  std::string email;
  std::string password;
  std::string given_name;
  std::string family_name;
  bool is_admin = false;
  bool email_verified = false;
};

class UserService {
 public:
  UserService(store::Store& store, const crypto::PasswordHasher& hasher, core::Random& rng, const core::Clock& clock);

  // Usernames: 1..64 of [A-Za-z0-9._@+-]; e-mail: local@domain.tld, at most 254 chars; passwords:
  // 8..1024 characters (bcrypt: at most 72 bytes). Writes a `user.created` audit event.
  core::Result<store::User, ServiceError> create(const NewUser& input, const std::string& actor);
  // By id or, failing that, by username.
  std::optional<store::User> find(const std::string& id_or_username);
  std::vector<store::User> list(int limit, int offset);
  // Disables the account, ends its sessions and revokes its refresh tokens, in one transaction.
  core::Result<store::User, ServiceError> disable(const std::string& id_or_username, const std::string& actor);
  // Sets or removes standard claims (user_profile.hpp); writes a `user.updated` audit event naming
  // the claims changed (never their values).
  core::Result<store::User, ServiceError> set_claims(const std::string& id_or_username, const ClaimAssignments& claims,
                                                     const std::string& actor);

 private:
  store::Store& store_;
  const crypto::PasswordHasher& hasher_;
  core::Random& rng_;
  const core::Clock& clock_;
};

}  // namespace authly::services
