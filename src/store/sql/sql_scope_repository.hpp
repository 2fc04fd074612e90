#pragma once
#include "store/scope_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlScopeRepository final : public ScopeRepository {
 public:
  explicit SqlScopeRepository(SessionSource& db) : db_(db) {}
  void create(const Scope& scope) override;
  std::optional<Scope> find(const std::string& name) override;
  std::vector<Scope> list() override;
  bool remove(const std::string& name) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
