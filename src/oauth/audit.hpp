#pragma once
// Appending an audit event: what happened (`type`, e.g. "login.failure"), who did it (`actor`: a
// user or client id), to what (`subject`), from where (`ip`), and a JSON object of details. The
// one way Authly writes them (protocol code, the administrative services, key rotation, session
// end). Details never carry a token, code, secret or password.
#include <boost/json/object.hpp>
#include <string>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace authly::oauth {

// `detail`: a serialized JSON object (a literal such as R"({"grant_type":"refresh_token"})").
void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, std::string detail);

// `detail` built field by field: values are escaped by construction.
void audit(store::Store& store, core::TimePoint at, std::string type, std::string actor, std::string subject,
           const std::string& ip, const boost::json::object& detail);

}  // namespace authly::oauth
