#include "endpoints/clients_endpoint.hpp"

#include <charconv>

#include "core/constant_time.hpp"
#include "crypto/hash.hpp"
#include "crypto/ids.hpp"
#include "endpoints/bearer_auth.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/too_many_requests.hpp"
#include "http/form.hpp"
#include "oauth/client_metadata.hpp"
#include "oauth/discovery.hpp"
#include "oauth/per_ip_limits.hpp"

namespace authly::endpoints {
namespace {

using oauth::ErrorCode;

oauth::OAuthError bad_metadata(std::string description) {
  return oauth::make_error(ErrorCode::invalid_client_metadata, std::move(description));
}

http::Response not_found() {
  return no_store_json(404, R"({"error":"not_found","error_description":"no such client"})");
}

// RFC 7591 §3.2.2: a bad redirect URI has its own code; every other bad value is client metadata.
http::Response service_error(const services::ServiceError& e) {
  if (e.kind == services::ServiceError::Kind::not_found) return not_found();
  const auto code = e.field == "redirect_uris" ? ErrorCode::invalid_redirect_uri : ErrorCode::invalid_client_metadata;
  // The message is a fixed text; the offending input (e.detail) goes to the log only.
  const std::string text = e.field.empty() ? e.message : e.field + ": " + e.message;
  return oauth_error_response(oauth::make_error(code, text, e.detail));
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

// Who may register: an administrator, or (dynamic registration) anyone allowed by the config.
struct Registrant {
  bool admin = false;
  std::string actor;  // audit: the admin token's subject, or "dynamic_registration"
};

// What a self-registered client may not ask for: the registry would hand it powers an
// administrator must grant (administrative scopes, the password grant, skipping consent, a sector
// identifier nobody verified, back-channel requests to the server's own host).
std::optional<oauth::OAuthError> check_self_registration(const oauth::ClientMetadata& m) {
  if (m.require_consent == false) return bad_metadata("require_consent can only be turned off by an administrator");
  for (std::string_view scope = m.scope; !scope.empty();) {
    const auto end = scope.find(' ');
    if (scope.substr(0, end).starts_with("authly:admin:"))
      return bad_metadata("administrative scopes are granted by administrators only");
    if (end == std::string_view::npos) break;
    scope.remove_prefix(end + 1);
  }
  for (const auto& grant : m.grant_types)
    if (grant == "password") return bad_metadata("the password grant is enabled for a client by an administrator");
  // OIDC Registration §5 asks the server to fetch sector_identifier_uri and check that it lists the
  // client's redirect URIs; Authly does not fetch it, so an unverified sector (which decides the
  // pairwise `sub` values, and could be another RP's) is only taken from an administrator.
  if (!m.sector_identifier_uri.empty())
    return bad_metadata("sector_identifier_uri is set for a client by an administrator");
  // backchannel_logout_uri and jwks_uri are checked by the registry with Registrar::self: Authly
  // requests them from inside the deployment, so a self-registered client may not aim them at
  // loopback, private or link-local addresses, nor use plain http (oauth/outbound_url.hpp).
  return std::nullopt;
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

ClientsEndpoint::ClientsEndpoint(EndpointContext& ctx) : ctx_(ctx), clients_(ctx.store, ctx.rng, ctx.clock) {}

http::Response ClientsEndpoint::create(const http::Request& req) {
  const auto now = ctx_.clock.now();
  const auto& oauth_config = ctx_.config.oauth;
  const bool open_registration = oauth_config.dynamic_registration && oauth_config.initial_access_token.empty();
  auto token = bearer_token(req);
  if (!token) return oauth_error_response(token.error());

  Registrant who{false, "dynamic_registration"};
  // RFC 7591 §3: with an initial access token configured, registration requires it.
  const bool initial_token = *token && oauth_config.dynamic_registration &&
                             !oauth_config.initial_access_token.empty() &&
                             core::constant_time_equals(**token, oauth_config.initial_access_token);
  if (!initial_token) {
    if (!*token && !open_registration)
      return oauth_error_response(
          oauth::make_error(ErrorCode::invalid_token, "This request needs a bearer access token"));
    if (*token) {
      auto admin = verify_admin_token(**token, ctx_, AdminAccess::write, now);
      if (admin) {
        who = {true, admin->subject};
      } else if (!(admin.error().code == ErrorCode::insufficient_scope && open_registration)) {
        return oauth_error_response(admin.error());
      }
    }
  }

  // Anonymous registrations write a row each: limited per IP, counted before validation so that
  // refused attempts count too.
  if (!who.admin)
    if (auto wait =
            oauth::registration_throttled(ctx_.limiter, oauth_config.registrations_per_ip_per_hour, req.remote_address))
      return too_many_requests_json(*wait);
  auto metadata = read_metadata(req);
  if (!metadata) return oauth_error_response(metadata.error());
  if (!who.admin)
    if (auto err = check_self_registration(*metadata)) return oauth_error_response(*err);
  auto input = services::new_client_from_metadata(*metadata);
  // RFC 7591 §3.2.1: the server issues client_id; only an administrator may choose one.
  input.client_id = who.admin && metadata->client_id ? *metadata->client_id : crypto::uuid_v4(ctx_.rng);
  input.registered_by_admin = who.admin;
  if (input.name.empty()) input.name = input.client_id;  // client_name is optional (RFC 7591 §2)
  auto issued = clients_.create(input, who.actor);
  if (!issued) return service_error(issued.error());
  auto r = no_store_json(201, services::client_to_json(issued->client, issued->secret));
  r.headers.set("Location", oauth::issuer_url(ctx_.config.issuer, "/oauth/clients/" + issued->client.id));
  return r;
}

http::Response ClientsEndpoint::list(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, AdminAccess::read, ctx_.clock.now());
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
  auto admin = authenticate_admin(req, ctx_, AdminAccess::read, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  const auto client = clients_.find(std::string(req.path_param("client_id")));
  if (!client) return not_found();
  return no_store_json(200, services::client_to_json(*client, std::nullopt));
}

http::Response ClientsEndpoint::replace(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, AdminAccess::write, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  const std::string id(req.path_param("client_id"));
  auto metadata = read_metadata(req);
  if (!metadata) return oauth_error_response(metadata.error());
  // RFC 7592 §2.2: client_id must be the client's own; a client_secret sent must be its current one.
  if (metadata->client_id && *metadata->client_id != id)
    return oauth_error_response(bad_metadata("client_id does not match the client being updated"));
  if (metadata->client_secret) {
    const auto existing = clients_.find(id);
    if (!existing) return not_found();
    if (existing->secret_hash.empty() ||
        !core::constant_time_equals(crypto::sha256_hex(*metadata->client_secret), existing->secret_hash))
      return oauth_error_response(bad_metadata("client_secret does not match the client's current secret"));
  }
  auto input = services::new_client_from_metadata(*metadata);
  if (input.name.empty()) input.name = id;
  auto updated = clients_.update(id, input, admin->subject);
  if (!updated) return service_error(updated.error());
  return no_store_json(200, services::client_to_json(updated->client, updated->secret));
}

http::Response ClientsEndpoint::remove(const http::Request& req) {
  auto admin = authenticate_admin(req, ctx_, AdminAccess::write, ctx_.clock.now());
  if (!admin) return oauth_error_response(admin.error());
  auto removed = clients_.remove(std::string(req.path_param("client_id")), admin->subject);
  if (!removed) return service_error(removed.error());
  http::Response r;
  r.status = 204;
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace authly::endpoints
