#pragma once
// Signing keys for tests: one generated key per algorithm, created on first use like the
// database-backed key manager. Header-only: only the tiers that link jose and oauth use it.
#include <map>
#include <memory>
#include <mutex>

#include "oauth/signing_keys.hpp"

namespace authly::test {

class GeneratedKeys final : public oauth::SigningKeys {
 public:
  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm alg) override {
    std::lock_guard lock(mu_);
    auto& k = keys_[alg];
    if (!k) k = std::make_shared<const jose::SigningKey>(jose::SigningKey::generate(alg));
    return k;
  }
  std::shared_ptr<const jose::JwkSet> published() override {
    std::lock_guard lock(mu_);
    auto set = std::make_shared<jose::JwkSet>();
    for (const auto& [alg, k] : keys_) set->add(k->public_jwk());
    return set;
  }
  std::string jwks_json() override { return published()->serialize(); }
  std::string jwks_etag() override { return "\"x\""; }

 private:
  std::mutex mu_;
  std::map<jose::Algorithm, std::shared_ptr<const jose::SigningKey>> keys_;
};

}  // namespace authly::test
