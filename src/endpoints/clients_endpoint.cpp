#include "endpoints/clients_endpoint.hpp"

#include <charconv>

#include "endpoints/bearer_auth.hpp"
#include "endpoints/metrics_endpoint.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/too_many_requests.hpp"
#include "http/form.hpp"
#include "oauth/client_metadata.hpp"
#include "oauth/discovery.hpp"
#include "oauth/per_ip_limits.hpp"
#include "services/client_registration.hpp"

namespace authly::endpoints {
namespace {

using oauth::ErrorCode;

oauth::OAuthError bad_metadata(std::string description) {
  return oauth::make_error(ErrorCode::invalid_client_metadata, std::move(description));
}

http::Response not_found() {
  return no_store_json(404, R"({"error":"not_found","error_description":"no such client"})");
}

http::Response service_error(const services::ServiceError& e) {
  if (e.kind == services::ServiceError::Kind::not_found) return not_found();
  return oauth_error_response(services::registration_error(e));
}

// RFC 7591 §3.1: the body is application/json. A missing Content-Type is tolerated.
bool json_content_type(std::optional<std::string_view> type) {
  if (!type) return true;
  constexpr std::string_view kJson = "application/json";
  if (type->size() < kJson.size() || !http::iequals(type->substr(0, kJson.size()), kJson)) return false;
  return type->size() == kJson.size() || (*type)[kJson.size()] == ';' || (*type)[kJson.size()] == ' ';
}

core::Result<oauth::ClientMetadata, oauth::OAuthError> read_metadata(const http::Request& req) {
  if (!json_content_type(req.header("Content-Type")))
    return core::fail(bad_metadata("the request body must be application/json"));
  return oauth::parse_client_metadata(req.body);
}

std::optional<int> int_param(const http::FormParams& params, std::string_view name, int fallback, int min, int max) {
  const auto text = params.get(name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace

ClientsEndpoint::ClientsEndpoint(EndpointContext& ctx) : ctx_(ctx), clients_(ctx.use.clients) {}

http::Response ClientsEndpoint::create(const http::Request& req) {
  const auto now = ctx_.clock.now();
  const auto& oauth_config = ctx_.config.oauth;
  auto token = bearer_token(req);
  if (!token) return oauth_error_response(token.error());
  auto who = services::registrant({oauth_config.dynamic_registration, oauth_config.initial_access_token}, *token,
                                  [this, now](std::string_view bearer) -> core::Result<std::string, oauth::OAuthError> {
                                    auto admin = oauth::verify_admin_token(ctx_.use.admin, bearer,
                                                                           oauth::AdminAccess::write, now);
                                    if (!admin) return core::fail(std::move(admin.error()));
                                    return admin->subject;
                                  });
  if (!who) return oauth_error_response(who.error());

  // Anonymous registrations write a row each: limited per IP, counted before validation so that
  // refused attempts count too.
  if (!who->admin)
    if (auto wait = oauth::registration_throttled(ctx_.limiter, oauth_config.registrations_per_ip_per_hour,
                                                  req.remote_address)) {
      count_rate_limited(ctx_.metrics, "registration");
      return too_many_requests_json(*wait);
    }
  auto metadata = read_metadata(req);
  if (!metadata) return oauth_error_response(metadata.error());
  auto issued = services::register_client(clients_, ctx_.rng, *who, *metadata);
  if (!issued) return service_error(issued.error());
  auto r = no_store_json(201, services::client_to_json(issued->client, issued->secret));
  r.headers.set("Location", oauth::issuer_url(ctx_.config.issuer, "/oauth/clients/" + issued->client.id));
  r.client_id = issued->client.id;  // for the access log
  return r;
}

http::Response ClientsEndpoint::list(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, oauth::AdminAccess::read, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  auto params = http::FormParams::parse(req.query);
  if (!params) return oauth_error_response(oauth::make_error(ErrorCode::invalid_request, "malformed query string"));
  const auto limit = int_param(*params, "limit", 100, 1, 500);
  const auto offset = int_param(*params, "offset", 0, 0, 1'000'000'000);
  if (!limit || !offset)
    return oauth_error_response(
        oauth::make_error(ErrorCode::invalid_request, "limit must be 1-500 and offset a non-negative integer"));
  std::string body = R"({"clients":[)";
  bool first = true;
  for (const auto& client : clients_.list(*limit, *offset)) {
    if (!first) body += ',';
    first = false;
    body += services::client_to_json(client, std::nullopt);
  }
  body += "]}";
  return no_store_json(200, std::move(body));
}

http::Response ClientsEndpoint::read(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, oauth::AdminAccess::read, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  const auto client = clients_.find(std::string(req.path_param("client_id")));
  if (!client) return not_found();
  auto r = no_store_json(200, services::client_to_json(*client, std::nullopt));
  r.client_id = client->id;  // found: for the access log
  return r;
}

http::Response ClientsEndpoint::replace(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, oauth::AdminAccess::write, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  const std::string id(req.path_param("client_id"));
  auto metadata = read_metadata(req);
  if (!metadata) return oauth_error_response(metadata.error());
  auto updated = services::replace_client(clients_, id, *metadata, admin->subject);
  if (!updated) return service_error(updated.error());
  auto r = no_store_json(200, services::client_to_json(updated->client, updated->secret));
  r.client_id = updated->client.id;  // for the access log
  return r;
}

http::Response ClientsEndpoint::remove(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, oauth::AdminAccess::write, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  auto removed = clients_.remove(std::string(req.path_param("client_id")), admin->subject);
  if (!removed) return service_error(removed.error());
  http::Response r;
  r.status = 204;
  r.headers.set("Cache-Control", "no-store");
  r.client_id = std::string(req.path_param("client_id"));  // it existed: for the access log
  return r;
}

}  // namespace authly::endpoints
