#pragma once
#include "store/signing_key_repository.hpp"
#include "store/sql/session_source.hpp"

namespace authly::store::sql {

class SqlSigningKeyRepository final : public SigningKeyRepository {
 public:
  explicit SqlSigningKeyRepository(SessionSource& db) : db_(db) {}
  void create(const SigningKey& key) override;
  std::optional<SigningKey> find(const std::string& kid) override;
  std::vector<SigningKey> list() override;
  bool transition(const std::string& kid, KeyState from, KeyState to, TimePoint now,
                  std::optional<TimePoint> remove_after) override;
  bool remove(const std::string& kid) override;

 private:
  SessionSource& db_;
};

}  // namespace authly::store::sql
