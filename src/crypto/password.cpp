#include "crypto/password.hpp"

#include <crypt.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/blocking.hpp"
#include "core/constant_time.hpp"

namespace authly::crypto {
namespace {

using Algorithm = PasswordPolicy::Algorithm;

// bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated.
constexpr std::size_t kBcryptMaxPassword = 72;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";
constexpr std::string_view kBcryptPrefix = "$2b$";

void init_sodium() {
  // A function-local static is initialised exactly once, even with concurrent callers.
  static const int rc = sodium_init();
  if (rc < 0) throw std::runtime_error("sodium_init failed");
}

bool is_argon2(std::string_view hash) { return hash.starts_with("$argon2"); }
bool is_bcrypt(std::string_view hash) {
  return hash.starts_with("$2b$") || hash.starts_with("$2a$") || hash.starts_with("$2y$");
}
bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

// crypt_rn with a private crypt_data per call: thread-safe, unlike crypt().
std::optional<std::string> bcrypt_compute(std::string_view password, const std::string& setting) {
  const std::string phrase(password);
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  if (!out || out[0] == '*') return std::nullopt;
  return std::string(out);
}

std::optional<int> bcrypt_cost(std::string_view hash) {
  if (hash.size() < 7 || hash[6] != '$') return std::nullopt;
  int cost = 0;
  const auto [end, ec] = std::from_chars(hash.data() + 4, hash.data() + 6, cost);
  if (ec != std::errc() || end != hash.data() + 6) return std::nullopt;
  return cost;
}

std::string hash_argon2id(std::string_view password, const PasswordPolicy& policy) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), policy.argon2_ops_limit,
                            static_cast<std::size_t>(policy.argon2_mem_limit_kib) * 1024,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory?)");
  }
  return out;
}

std::string hash_bcrypt(std::string_view password, const PasswordPolicy& policy) {
  if (password.size() > kBcryptMaxPassword) {
    throw std::invalid_argument("bcrypt passwords are limited to 72 bytes");
  }
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("RAND_bytes failed");
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn(kBcryptPrefix.data(), static_cast<unsigned long>(policy.bcrypt_cost),
                        reinterpret_cast<const char*>(salt), sizeof salt, setting, sizeof setting)) {
    throw std::runtime_error("crypt_gensalt_rn($2b$) failed");
  }
  auto out = bcrypt_compute(password, setting);
  if (!out || !out->starts_with(kBcryptPrefix)) throw std::runtime_error("bcrypt hashing failed");
  return *out;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordPolicy policy) : policy_(policy) {
  init_sodium();
  if (policy_.bcrypt_cost < 4 || policy_.bcrypt_cost > 31) throw std::invalid_argument("bcrypt cost must be 4..31");
  if (policy_.max_concurrent_hashes < 0) throw std::invalid_argument("max_concurrent_hashes must not be negative");
  if (policy_.argon2_ops_limit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      policy_.argon2_ops_limit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    throw std::invalid_argument("argon2id ops limit out of range");
  }
  if (policy_.argon2_mem_limit_kib < crypto_pwhash_argon2id_MEMLIMIT_MIN / 1024 ||
      policy_.argon2_mem_limit_kib > crypto_pwhash_argon2id_MEMLIMIT_MAX / 1024) {
    throw std::invalid_argument("argon2id memory limit out of range");
  }
}

std::string PasswordHasher::hash(std::string_view password) const {
  core::expect_blocking("password hash");
  // A NUL would end the password early in crypt(3); refuse it for both algorithms so a later switch
  // of algorithm cannot make an existing password unusable.
  if (has_nul(password)) throw std::invalid_argument("passwords must not contain NUL");
  return policy_.algorithm == Algorithm::bcrypt ? hash_bcrypt(password, policy_) : hash_argon2id(password, policy_);
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored_hash) const {
  core::expect_blocking("password hash");
  if (has_nul(stored_hash) || stored_hash.size() >= CRYPT_OUTPUT_SIZE) return false;
  const std::string stored(stored_hash);
  if (is_argon2(stored)) {
    if (stored.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  }
  if (is_bcrypt(stored)) {
    // Such a password could never have been hashed here, and crypt would compare only a prefix of it.
    if (has_nul(password) || password.size() > kBcryptMaxPassword) return false;
    const auto computed = bcrypt_compute(password, stored);
    return computed && core::constant_time_equals(*computed, stored);
  }
  return false;
}

std::optional<PasswordHasher::Permit> PasswordHasher::try_acquire() const {
  const int limit = policy_.max_concurrent_hashes;
  int current = in_use_->load();
  do {
    if (limit > 0 && current >= limit) return std::nullopt;
  } while (!in_use_->compare_exchange_weak(current, current + 1));
  return Permit(in_use_);
}

bool PasswordHasher::needs_rehash(std::string_view stored_hash) const {
  if (policy_.algorithm == Algorithm::argon2id) {
    if (!stored_hash.starts_with(kArgon2idPrefix) || stored_hash.size() >= crypto_pwhash_STRBYTES) return true;
    const std::string stored(stored_hash);
    return crypto_pwhash_argon2id_str_needs_rehash(stored.c_str(), policy_.argon2_ops_limit,
                                                   static_cast<std::size_t>(policy_.argon2_mem_limit_kib) * 1024) != 0;
  }
  // $2a$ and $2y$ (imported) are upgraded to $2b$ as well.
  if (!stored_hash.starts_with(kBcryptPrefix)) return true;
  const auto cost = bcrypt_cost(stored_hash);
  return !cost || *cost != policy_.bcrypt_cost;
}

}  // namespace authly::crypto
