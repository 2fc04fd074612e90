#pragma once
#include <optional>
#include <string>

#include "store/models.hpp"

namespace authly::store {

class AuthorizationCodeRepository {
 public:
  virtual ~AuthorizationCodeRepository() = default;
  virtual void create(const AuthorizationCode& code) = 0;
  // Atomically marks the code consumed if it was issued to `client_id` and is unconsumed and
  // unexpired at `now`, and names `family_id` as the token family it issues, returning it; nullopt
  // otherwise, with nothing changed (one UPDATE ... WHERE client_id = ... AND consumed_at IS NULL
  // RETURNING: two racing exchanges cannot both win, another client's attempt cannot spend the
  // code, and a replay that loses the race already finds the family to revoke).
  virtual std::optional<AuthorizationCode> consume(const std::string& code_hash, const std::string& client_id,
                                                   TimePoint now, const std::string& family_id) = 0;
  // The row whatever its state, to recognise a replay and revoke what the code issued.
  virtual std::optional<AuthorizationCode> find(const std::string& code_hash) = 0;
  // Deletes at most `limit` codes expired before `before` whose grant is over: a code that issued
  // a refresh family stays while the family has refresh tokens or recorded access tokens, because
  // ending its browser session finds those tokens through the code (deny_session_access_tokens).
  // Returns how many were deleted; callers repeat while a full batch comes back.
  virtual std::int64_t delete_expired(TimePoint before, std::int64_t limit) = 0;
};

}  // namespace authly::store
