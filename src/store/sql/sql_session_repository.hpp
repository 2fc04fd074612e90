#pragma once
#include "store/session_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(SessionSource& db) : db_(db) {}
  void create(const Session& session) override;
  std::optional<Session> find_active(const std::string& id_hash, TimePoint now) override;
  std::optional<Session> find_by_sid(const std::string& sid) override;
  bool touch(const std::string& id_hash, TimePoint now) override;
  bool end(const std::string& id_hash, TimePoint now) override;
  std::int64_t end_all_for_user(const std::string& user_id, TimePoint now) override;
  std::int64_t count_active(TimePoint now) override;
  std::int64_t delete_expired(TimePoint before, std::int64_t limit) override;
  void add_client(const std::string& id_hash, const std::string& client_id, TimePoint now) override;
  std::vector<std::string> clients(const std::string& id_hash) override;
  std::optional<Session> find(const std::string& id_hash) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
