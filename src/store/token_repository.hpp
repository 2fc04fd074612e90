#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

// One deny-list row as the caches read it: seq orders the rows by commit (migration 010).
struct DeniedAccessToken {
  std::string jti;
  TimePoint expires_at;
  std::int64_t seq = 0;
};

// Refresh tokens (opaque, stored hashed) and the access-token deny-list (revoked JWT ids).
class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  virtual void create_refresh(const RefreshToken& token) = 0;
  virtual std::optional<RefreshToken> find_refresh(const std::string& token_hash) = 0;
  // Atomically marks the token rotated if it is neither rotated nor revoked; returns the row as it
  // was, or nullopt when it was already used (the caller then revokes the family).
  virtual std::optional<RefreshToken> rotate_refresh(const std::string& token_hash, TimePoint now) = 0;
  virtual std::int64_t revoke_family(const std::string& family_id, TimePoint now) = 0;
  virtual std::int64_t revoke_for_session(const std::string& session_id, TimePoint now) = 0;
  virtual std::int64_t revoke_for_user(const std::string& user_id, TimePoint now) = 0;
  virtual std::int64_t revoke_for_client(const std::string& client_id, TimePoint now) = 0;
  // Deletes at most `limit` refresh tokens past either lifetime at `before`; returns how many.
  virtual std::int64_t delete_expired_refresh(TimePoint before, std::int64_t limit) = 0;

  // Deny-list: a revoked access token's jti stays listed until the token would have expired.
  virtual void deny_access_token(const std::string& jti, TimePoint expires_at) = 0;  // idempotent
  // Several at once (their seq is ignored): what concurrent revocations write together.
  virtual void deny_access_tokens(const std::vector<DeniedAccessToken>& rows) {
    for (const auto& row : rows) deny_access_token(row.jti, row.expires_at);
  }
  virtual bool is_access_token_denied(const std::string& jti) = 0;
  // At most `limit` deny-list rows with seq > after_seq that expire after `now`, ascending by seq:
  // what an in-process copy of the deny-list lacks since it last saw after_seq.
  virtual std::vector<DeniedAccessToken> denied_since(std::int64_t after_seq, TimePoint now, std::int64_t limit) = 0;
  // Deletes at most `limit` expired rows from each of the deny-list, the recorded client-assertion
  // jtis and the family access-token records; returns the rows deleted from the three together
  // (fewer than `limit`: nothing expired is left).
  virtual std::int64_t purge_denied(TimePoint before, std::int64_t limit) = 0;

  // Remembers the jti of an access token issued for a code exchange or within a refresh family, so
  // that deny_family_access_tokens() can revoke it on code replay or refresh-token reuse.
  virtual void record_family_access_token(const std::string& family_id, const std::string& jti,
                                          TimePoint expires_at) = 0;
  // Puts every recorded access token of the family on the deny-list (until its exp); returns how
  // many were newly denied.
  virtual std::int64_t deny_family_access_tokens(const std::string& family_id) = 0;
  // Puts on the deny-list every recorded access token of the families created by codes that the
  // browser session `session_id` approved, except offline_access families (OIDC Core §11: they
  // outlive the session). Returns how many were newly denied.
  virtual std::int64_t deny_session_access_tokens(const std::string& session_id) = 0;

  // RFC 7523 §3 item 7: records a client assertion's jti; false when this client already used it.
  virtual bool record_assertion_jti(const std::string& client_id, const std::string& jti, TimePoint expires_at) = 0;
};

}  // namespace authly::store
