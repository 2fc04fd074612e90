#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class ClientRepository {
 public:
  virtual ~ClientRepository() = default;
  virtual void create(const Client& client) = 0;  // Conflict on a taken client_id
  virtual std::optional<Client> find(const std::string& client_id) = 0;
  virtual std::vector<Client> list(int limit, int offset) = 0;
  virtual bool update(const Client& client) = 0;
  virtual bool set_secret_hash(const std::string& client_id, const std::string& secret_hash, TimePoint now) = 0;
  virtual bool remove(const std::string& client_id) = 0;
};

}  // namespace authly::store
