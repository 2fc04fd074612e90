#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class ConsentRepository {
 public:
  virtual ~ConsentRepository() = default;
  virtual std::optional<Consent> find(const std::string& user_id, const std::string& client_id) = 0;
  // Inserts or replaces the granted scopes and claims for (user, client).
  virtual void upsert(const Consent& consent) = 0;
  virtual bool remove(const std::string& user_id, const std::string& client_id) = 0;
  virtual std::vector<Consent> list_for_user(const std::string& user_id) = 0;
};

}  // namespace authly::store
