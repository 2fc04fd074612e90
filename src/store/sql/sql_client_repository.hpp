#pragma once
#include "store/client_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlClientRepository final : public ClientRepository {
 public:
  explicit SqlClientRepository(SessionSource& db) : db_(db) {}
  void create(const Client& client) override;
  std::optional<Client> find(const std::string& client_id) override;
  std::vector<Client> list(int limit, int offset) override;
  bool update(const Client& client) override;
  bool set_secret_hash(const std::string& client_id, const std::string& secret_hash, TimePoint now) override;
  bool remove(const std::string& client_id) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
