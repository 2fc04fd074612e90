#pragma once
#include "store/consent_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlConsentRepository final : public ConsentRepository {
 public:
  explicit SqlConsentRepository(SessionSource& db) : db_(db) {}
  std::optional<Consent> find(const std::string& user_id, const std::string& client_id) override;
  void upsert(const Consent& consent) override;
  bool remove(const std::string& user_id, const std::string& client_id) override;
  std::vector<Consent> list_for_user(const std::string& user_id) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
