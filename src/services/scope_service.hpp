#pragma once
// The scope registry: the scopes clients may be allowed and users asked to consent to.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/service_error.hpp"
#include "store/store.hpp"

namespace authly::services {

class ScopeService {
 public:
  ScopeService(store::Store& store, const core::Clock& clock);
  core::Result<store::Scope, ServiceError> create(const std::string& name, const std::string& description,
                                                  bool is_default, const std::string& actor);
  std::vector<store::Scope> list();
  core::Result<core::Ok, ServiceError> remove(const std::string& name, const std::string& actor);

 private:
  store::Store& store_;
  const core::Clock& clock_;
};

}  // namespace authly::services
