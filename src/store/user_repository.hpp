#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Throws Conflict when the id, username or e-mail is taken (usernames and e-mails compare
  // case-insensitively).
  virtual void create(const User& user) = 0;
  virtual std::optional<User> find_by_id(const std::string& id) = 0;
  virtual std::optional<User> find_by_username(const std::string& username) = 0;
  virtual std::optional<User> find_by_email(const std::string& email) = 0;
  virtual std::vector<User> list(int limit, int offset) = 0;
  virtual std::int64_t count() = 0;
  // Updates every mutable field of the row with user.id; false if no such user.
  virtual bool update(const User& user) = 0;
  virtual bool set_active(const std::string& id, bool active, TimePoint now) = 0;
  virtual bool record_login(const std::string& id, TimePoint now) = 0;
  virtual bool remove(const std::string& id) = 0;  // GDPR erasure
};

}  // namespace authly::store
