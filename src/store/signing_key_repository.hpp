#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/models.hpp"

namespace authly::store {

class SigningKeyRepository {
 public:
  virtual ~SigningKeyRepository() = default;
  virtual void create(const SigningKey& key) = 0;
  virtual std::optional<SigningKey> find(const std::string& kid) = 0;
  virtual std::vector<SigningKey> list() = 0;  // oldest first
  // Compare-and-set so that instances sharing a database cannot both promote a key.
  virtual bool transition(const std::string& kid, KeyState from, KeyState to, TimePoint now,
                          std::optional<TimePoint> remove_after) = 0;
  virtual bool remove(const std::string& kid) = 0;
};

}  // namespace authly::store
