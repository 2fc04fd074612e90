#include "services/scope_service.hpp"

#include <boost/json/object.hpp>

#include "oauth/audit.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::services {

ScopeService::ScopeService(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}

core::Result<store::Scope, ServiceError> ScopeService::create(const std::string& name, const std::string& description,
                                                              bool is_default, const std::string& actor) {
  if (!oauth::is_scope_token(name) || name.size() > 128)
    return core::fail(invalid("name",
                              "scope names are 1-128 printable ASCII characters without spaces, '\"' or '\\' "
                              "(RFC 6749 section 3.3)"));
  store::Scope scope{name, description, is_default, clock_.now()};
  try {
    store_.transaction([&](store::Store& tx) {
      tx.scopes().create(scope);
      oauth::audit(tx, scope.created_at, "scope.created", actor, name, "", boost::json::object{});
    });
  } catch (const store::Conflict&) {
    return core::fail(conflict("name", "scope '" + name + "' already exists"));
  }
  return scope;
}

std::vector<store::Scope> ScopeService::list() { return store_.scopes().list(); }

core::Result<core::Ok, ServiceError> ScopeService::remove(const std::string& name, const std::string& actor) {
  bool removed = false;
  store_.transaction([&](store::Store& tx) {
    removed = tx.scopes().remove(name);
    if (removed) oauth::audit(tx, clock_.now(), "scope.deleted", actor, name, "", boost::json::object{});
  });
  if (!removed) return core::fail(not_found("name", "no scope named '" + name + "'"));
  return core::Ok{};
}

}  // namespace authly::services
