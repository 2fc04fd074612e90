#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class ScopeRepository {
 public:
  virtual ~ScopeRepository() = default;
  virtual void create(const Scope& scope) = 0;  // Conflict on a taken name
  virtual std::optional<Scope> find(const std::string& name) = 0;
  virtual std::vector<Scope> list() = 0;
  virtual bool remove(const std::string& name) = 0;
};

}  // namespace authly::store
