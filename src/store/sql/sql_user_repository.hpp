#pragma once
#include "store/sql/session_source.hpp"
#include "store/user_repository.hpp"

namespace authly::store::sql {

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(SessionSource& db) : db_(db) {}
  void create(const User& user) override;
  std::optional<User> find_by_id(const std::string& id) override;
  std::optional<User> find_by_username(const std::string& username) override;
  std::optional<User> find_by_email(const std::string& email) override;
  std::vector<User> list(int limit, int offset) override;
  std::int64_t count() override;
  bool update(const User& user) override;
  bool set_active(const std::string& id, bool active, TimePoint now) override;
  bool record_login(const std::string& id, TimePoint now) override;
  bool remove(const std::string& id) override;

 private:
  std::optional<User> find_where(const char* condition, const std::string& value);
  SessionSource& db_;
};

}  // namespace authly::store::sql
