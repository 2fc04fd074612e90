#pragma once
#include "store/interaction_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlInteractionRepository final : public InteractionRepository {
 public:
  explicit SqlInteractionRepository(SessionSource& db) : db_(db) {}
  void create(const Interaction& interaction) override;
  std::optional<Interaction> find_active(const std::string& id_hash, TimePoint now) override;
  bool set_user(const std::string& id_hash, const std::string& user_id, TimePoint auth_time, TimePoint now) override;
  bool set_csrf(const std::string& id_hash, const std::string& csrf_hash, TimePoint now) override;
  std::optional<Interaction> complete(const std::string& id_hash, TimePoint now) override;
  bool remove(const std::string& id_hash) override;
  std::int64_t delete_expired(TimePoint before, std::int64_t limit) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
