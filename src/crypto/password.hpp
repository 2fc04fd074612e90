#pragma once
// Password hashing: argon2id (libsodium, default) or bcrypt $2b$ (libxcrypt) with a configurable
// cost. Hashes are self-describing PHC/crypt strings, so verification works for either algorithm
// whatever the current setting, and needs_rehash() tells when to upgrade on the next login.
#include <cstdint>
#include <string>
#include <string_view>

namespace authly::crypto {

struct PasswordPolicy {
  enum class Algorithm { argon2id, bcrypt } algorithm = Algorithm::argon2id;
  int bcrypt_cost = 12;
  std::uint64_t argon2_ops_limit = 2;
  std::uint64_t argon2_mem_limit_kib = 65536;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordPolicy policy);
  // Virtual so that tests can observe the work done (how many verifications a login costs).
  virtual ~PasswordHasher() = default;
  virtual std::string hash(std::string_view password) const;  // throws std::runtime_error on library failure
  // Constant-time verification; false for malformed hashes and unknown algorithms.
  virtual bool verify(std::string_view password, std::string_view stored_hash) const;
  virtual bool needs_rehash(std::string_view stored_hash) const;
  const PasswordPolicy& policy() const noexcept { return policy_; }

 private:
  PasswordPolicy policy_;
};

}  // namespace authly::crypto
