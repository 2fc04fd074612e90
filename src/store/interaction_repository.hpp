#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/models.hpp"

namespace authly::store {

// Authorization requests waiting for login or consent. Rows are found by the SHA-256 of the opaque
// interaction id; expired rows are invisible to every method but delete_expired().
class InteractionRepository {
 public:
  virtual ~InteractionRepository() = default;
  // Throws Conflict on a taken id_hash.
  virtual void create(const Interaction& interaction) = 0;
  // Only interactions not expired at `now`.
  virtual std::optional<Interaction> find_active(const std::string& id_hash, TimePoint now) = 0;
  // Records who authenticated and when; false when the interaction is gone or expired.
  virtual bool set_user(const std::string& id_hash, const std::string& user_id, TimePoint auth_time, TimePoint now) = 0;
  // Replaces the CSRF token hash (a page re-rendered from GET gets a fresh token, since only hashes
  // are stored); false when the interaction is gone or expired.
  virtual bool set_csrf(const std::string& id_hash, const std::string& csrf_hash, TimePoint now) = 0;
  // Atomically deletes the interaction if it is still active and returns it (one DELETE ...
  // RETURNING): of two racing submissions only one can complete it.
  virtual std::optional<Interaction> complete(const std::string& id_hash, TimePoint now) = 0;
  virtual bool remove(const std::string& id_hash) = 0;
  // Deletes at most `limit` interactions expired at `before`; returns how many.
  virtual std::int64_t delete_expired(TimePoint before, std::int64_t limit) = 0;
};

}  // namespace authly::store
