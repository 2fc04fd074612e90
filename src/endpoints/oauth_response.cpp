#include "endpoints/oauth_response.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/auth_challenge.hpp"
#include "oauth/error_description.hpp"
#include "oauth/password_login.hpp"
#include "observability/logger.hpp"

namespace authly::endpoints {
namespace {

int status_for(oauth::ErrorCode code) {
  using C = oauth::ErrorCode;
  switch (code) {
    case C::invalid_client:
    case C::invalid_token:
      return 401;
    case C::insufficient_scope:
      return 403;
    case C::server_error:
      return 500;
    case C::temporarily_unavailable:
      return 503;
    default:
      return 400;
  }
}

}  // namespace

http::Response no_store_json(int status, std::string body) {
  auto r = http::Response::json(status, std::move(body));
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("Pragma", "no-cache");
  return r;
}

http::Response oauth_error_response(const oauth::OAuthError& error, bool basic_auth_attempted) {
  // RFC 6749 §5.2 charset.
  const std::string description = oauth::client_safe_description(error.description);
  boost::json::object o;
  o["error"] = oauth::to_string(error.code);
  if (!description.empty()) o["error_description"] = description;
  const bool limited = error.retry_after.count() > 0;
  auto r = no_store_json(limited ? 429 : status_for(error.code), boost::json::serialize(o));
  // RFC 9110 §10.2.3: a 503 says when to come back; load is shed for a moment only. A rate limit
  // (429, RFC 6585 §4) says when its window ends.
  if (limited)
    r.headers.set("Retry-After", std::to_string(error.retry_after.count()));
  else if (error.code == oauth::ErrorCode::temporarily_unavailable)
    r.headers.set("Retry-After", std::to_string(oauth::kBusyRetryAfter.count()));
  if (error.code == oauth::ErrorCode::invalid_client && basic_auth_attempted)
    r.headers.set("WWW-Authenticate", http::auth_challenge("Basic", {{"realm", "authly"}}));
  if (error.code == oauth::ErrorCode::invalid_token || error.code == oauth::ErrorCode::insufficient_scope)
    r.headers.set("WWW-Authenticate", bearer_challenge(error));
  if (!error.detail.empty())
    observability::debug("oauth.error", {{"error", oauth::to_string(error.code)}, {"detail", error.detail}});
  return r;
}

std::string bearer_challenge(const oauth::OAuthError& error, std::string_view needed_scope) {
  const std::string description = oauth::client_safe_description(error.description);
  return http::auth_challenge(
      "Bearer", {{"realm", "authly"},
                 {"error", oauth::to_string(error.code)},
                 {"error_description", description},
                 {"scope", error.code == oauth::ErrorCode::insufficient_scope ? needed_scope : std::string_view()}});
}

http::Response oauth_failure(const http::Request& req) {
  return oauth_error_response(
      oauth::make_error(oauth::ErrorCode::server_error, "internal error (request id " + req.request_id + ")"));
}

}  // namespace authly::endpoints
