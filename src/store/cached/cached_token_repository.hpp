#pragma once
// The access-token deny-list served from memory; refresh tokens and every other token operation
// pass through to the database unchanged.
//
// The deny-list is append-mostly, so the copy is refreshed incrementally: when the "deny_list"
// version moves, only rows with a seq above the last one seen are read (migration 010 orders seq
// by commit). A revocation through this repository is visible here before it returns; one made
// elsewhere within the gate's bound. Rows are kept until the token would have expired (RFC 7009
// §2: a revoked token must not be accepted again) plus kExpiryGrace, then swept.
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/group_commit.hpp"
#include "store/cached/change_listener.hpp"
#include "store/cached/version_gate.hpp"
#include "store/token_repository.hpp"

namespace authly::store::cached {

class CachedTokenRepository final : public TokenRepository {
 public:
  static constexpr std::int64_t kPageSize = 10'000;  // rows per incremental read
  static constexpr std::chrono::seconds kExpiryGrace{300};
  static constexpr std::chrono::seconds kSweepInterval{60};

  CachedTokenRepository(TokenRepository& inner, VersionGate& gate, const core::Clock& clock,
                        const ChangeListener& changed)
      : inner_(inner),
        gate_(gate),
        clock_(clock),
        changed_(changed),
        denials_([this](const std::vector<DeniedAccessToken>& rows) { inner_.deny_access_tokens(rows); }) {}

  void create_refresh(const RefreshToken& token) override { inner_.create_refresh(token); }
  std::optional<RefreshToken> find_refresh(const std::string& token_hash) override {
    return inner_.find_refresh(token_hash);
  }
  std::optional<RefreshToken> rotate_refresh(const std::string& token_hash, TimePoint now) override {
    return inner_.rotate_refresh(token_hash, now);
  }
  std::int64_t revoke_family(const std::string& family_id, TimePoint now) override {
    return inner_.revoke_family(family_id, now);
  }
  std::int64_t revoke_for_session(const std::string& session_id, TimePoint now) override {
    return inner_.revoke_for_session(session_id, now);
  }
  std::int64_t revoke_for_user(const std::string& user_id, TimePoint now) override {
    return inner_.revoke_for_user(user_id, now);
  }
  std::int64_t revoke_for_client(const std::string& client_id, TimePoint now) override {
    return inner_.revoke_for_client(client_id, now);
  }
  std::int64_t delete_expired_refresh(TimePoint before, std::int64_t limit) override {
    return inner_.delete_expired_refresh(before, limit);
  }
  std::int64_t purge_denied(TimePoint before, std::int64_t limit) override {
    return inner_.purge_denied(before, limit);
  }
  void record_family_access_token(const std::string& family_id, const std::string& jti, TimePoint expires_at) override {
    inner_.record_family_access_token(family_id, jti, expires_at);
  }
  bool record_assertion_jti(const std::string& client_id, const std::string& jti, TimePoint expires_at) override {
    return inner_.record_assertion_jti(client_id, jti, expires_at);
  }
  std::vector<DeniedAccessToken> denied_since(std::int64_t after_seq, TimePoint now, std::int64_t limit) override {
    return inner_.denied_since(after_seq, now, limit);
  }

  void deny_access_token(const std::string& jti, TimePoint expires_at) override;
  bool is_access_token_denied(const std::string& jti) override;
  std::int64_t deny_family_access_tokens(const std::string& family_id) override;
  std::int64_t deny_session_access_tokens(const std::string& session_id) override;

 private:
  void catch_up_locked(std::int64_t version, TimePoint now);
  void after_deny();

  TokenRepository& inner_;
  VersionGate& gate_;
  const core::Clock& clock_;
  const ChangeListener& changed_;

  // Held while reading increments too: one refresher at a time, and readers wait for it rather
  // than answer from a copy that the version already says is behind.
  std::mutex mutex_;
  std::unordered_map<std::string, TimePoint> denied_;  // jti -> exp
  std::int64_t version_ = -1;                          // the "deny_list" version denied_ reflects
  std::int64_t last_seq_ = -1;                         // highest seq read (-1: nothing yet)
  TimePoint next_sweep_{};

  // Concurrent revocations commit their rows together: each waits for the commit that holds its
  // row, so a revocation is as durable as before, but N of them cost one transaction (on
  // PostgreSQL one hold of the deny_list counter row, which every deny-list insert locks until
  // commit, migration 010) instead of N in a row.
  core::GroupCommit<DeniedAccessToken> denials_;
};

}  // namespace authly::store::cached
