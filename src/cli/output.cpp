#include "cli/output.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace authly::cli {

void fail_with(const services::ServiceError& error) {
  using Kind = services::ServiceError::Kind;
  const std::string where = error.field.empty() ? "" : error.field + ": ";
  // The operator's own input, on the operator's terminal: the detail helps and stays local.
  const std::string detail = error.detail.empty() ? "" : ": " + error.detail;
  throw CommandError(error.kind == Kind::invalid_input ? 2 : 1, where + error.message + detail);
}

std::string user_to_json(const store::User& u) {
  // Never the password hash.
  boost::json::object o{{"id", u.id},
                        {"username", u.username},
                        {"email", u.email},
                        {"email_verified", u.email_verified},
                        {"given_name", u.given_name},
                        {"family_name", u.family_name},
                        {"is_admin", u.is_admin},
                        {"is_active", u.is_active},
                        {"created_at", iso8601(u.created_at)},
                        {"updated_at", iso8601(u.updated_at)}};
  if (u.last_login_at) o["last_login_at"] = iso8601(*u.last_login_at);
  // The OIDC standard claims set with `user set-claims`.
  boost::system::error_code ec;
  auto profile = boost::json::parse(u.profile, ec);
  if (!ec && profile.is_object()) o["claims"] = std::move(profile);
  return boost::json::serialize(o);
}

}  // namespace authly::cli
