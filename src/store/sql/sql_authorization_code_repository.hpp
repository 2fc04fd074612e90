#pragma once
#include "store/authorization_code_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlAuthorizationCodeRepository final : public AuthorizationCodeRepository {
 public:
  explicit SqlAuthorizationCodeRepository(SessionSource& db) : db_(db) {}
  void create(const AuthorizationCode& code) override;
  std::optional<AuthorizationCode> consume(const std::string& code_hash, const std::string& client_id, TimePoint now,
                                           const std::string& family_id) override;
  std::optional<AuthorizationCode> find(const std::string& code_hash) override;
  std::int64_t delete_expired(TimePoint before, std::int64_t limit) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
