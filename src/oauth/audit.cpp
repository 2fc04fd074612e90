#include "oauth/audit.hpp"

#include <boost/json/serialize.hpp>

namespace authly::oauth {

void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, std::string detail) {
  store.audit().append({0, at, std::move(type), std::move(actor), std::move(subject), ip, std::move(detail)});
}

void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, const boost::json::object& detail) {
  audit(store, at, std::move(type), std::move(actor), std::move(subject), ip, boost::json::serialize(detail));
}

}  // namespace authly::oauth
