#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void create(const Session& session) = 0;
  // Only sessions not ended and not expired at `now`.
  virtual std::optional<Session> find_active(const std::string& id_hash, TimePoint now) = 0;
  virtual std::optional<Session> find_by_sid(const std::string& sid) = 0;
  virtual bool touch(const std::string& id_hash, TimePoint now) = 0;
  virtual bool end(const std::string& id_hash, TimePoint now) = 0;
  virtual std::int64_t end_all_for_user(const std::string& user_id, TimePoint now) = 0;
  // Sessions not ended and not expired at `now` (every user's; for /metrics).
  virtual std::int64_t count_active(TimePoint now) = 0;
  // Deletes at most `limit` sessions expired before `before` (with their client lists); returns how many.
  virtual std::int64_t delete_expired(TimePoint before, std::int64_t limit) = 0;

  // The clients this session signed in to (idempotent), for back-channel logout.
  virtual void add_client(const std::string& id_hash, const std::string& client_id, TimePoint now) = 0;
  virtual std::vector<std::string> clients(const std::string& id_hash) = 0;  // client ids, sorted
  // The session's row whatever its state (ended or expired included).
  virtual std::optional<Session> find(const std::string& id_hash) = 0;
};

}  // namespace authly::store
