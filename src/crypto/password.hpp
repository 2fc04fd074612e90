#pragma once
// Password hashing: argon2id (libsodium, default) or bcrypt $2b$ (libxcrypt) with a configurable
// cost. Hashes are self-describing PHC/crypt strings, so verification works for either algorithm
// whatever the current setting, and needs_rehash() tells when to upgrade on the next login.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace authly::crypto {

struct PasswordPolicy {
  enum class Algorithm { argon2id, bcrypt } algorithm = Algorithm::argon2id;
  int bcrypt_cost = 12;
  std::uint64_t argon2_ops_limit = 2;
  std::uint64_t argon2_mem_limit_kib = 65536;
  // Hash computations that may run at once on the server's request paths (try_acquire); 0: no bound.
  int max_concurrent_hashes = 0;
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

  // One of the policy's max_concurrent_hashes slots; released when destroyed.
  class Permit {
   public:
    explicit Permit(std::shared_ptr<std::atomic<int>> in_use) : in_use_(std::move(in_use)) {}
    Permit(Permit&&) noexcept = default;
    Permit& operator=(Permit&&) = delete;  // would drop the slot it held without releasing it
    ~Permit() {
      if (in_use_) --*in_use_;
    }

   private:
    std::shared_ptr<std::atomic<int>> in_use_;
  };
  // A slot for the hashing a request is about to do, or nullopt when every slot is taken: the
  // caller sheds the request (503) rather than queueing behind argon2id's memory and CPU
  // (DESIGN.md §5). Never blocks. Copies of a hasher share its slots.
  std::optional<Permit> try_acquire() const;

 private:
  PasswordPolicy policy_;
  std::shared_ptr<std::atomic<int>> in_use_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace authly::crypto
