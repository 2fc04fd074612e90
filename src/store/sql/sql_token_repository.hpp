#pragma once
#include "store/sql/session_source.hpp"
#include "store/token_repository.hpp"

namespace authly::store::sql {

class SqlTokenRepository final : public TokenRepository {
 public:
  explicit SqlTokenRepository(SessionSource& db) : db_(db) {}
  void create_refresh(const RefreshToken& token) override;
  std::optional<RefreshToken> find_refresh(const std::string& token_hash) override;
  std::optional<RefreshToken> rotate_refresh(const std::string& token_hash, TimePoint now) override;
  std::int64_t revoke_family(const std::string& family_id, TimePoint now) override;
  std::int64_t revoke_for_session(const std::string& session_id, TimePoint now) override;
  std::int64_t revoke_for_user(const std::string& user_id, TimePoint now) override;
  std::int64_t revoke_for_client(const std::string& client_id, TimePoint now) override;
  std::int64_t delete_expired_refresh(TimePoint before, std::int64_t limit) override;

  void deny_access_token(const std::string& jti, TimePoint expires_at) override;
  void deny_access_tokens(const std::vector<DeniedAccessToken>& rows) override;
  static constexpr std::size_t kDenyRowsPerInsert = 32;
  bool is_access_token_denied(const std::string& jti) override;
  std::vector<DeniedAccessToken> denied_since(std::int64_t after_seq, TimePoint now, std::int64_t limit) override;
  std::int64_t purge_denied(TimePoint before, std::int64_t limit) override;
  void record_family_access_token(const std::string& family_id, const std::string& jti, TimePoint expires_at) override;
  std::int64_t deny_family_access_tokens(const std::string& family_id) override;
  std::int64_t deny_session_access_tokens(const std::string& session_id) override;
  bool record_assertion_jti(const std::string& client_id, const std::string& jti, TimePoint expires_at) override;

 private:
  std::int64_t revoke_where(const char* column, const std::string& value, TimePoint now);
  SessionSource& db_;
};

}  // namespace authly::store::sql
