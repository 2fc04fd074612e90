#include "endpoints/userinfo_endpoint.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/base64url.hpp"
#include "endpoints/bearer_auth.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/oidc_routes.hpp"
#include "http/form.hpp"
#include "jose/jwt_claims.hpp"
#include "oauth/access_token.hpp"
#include "oauth/claims_request.hpp"
#include "oauth/error_description.hpp"
#include "oauth/token_user.hpp"
#include "oidc/claims.hpp"
#include "oidc/subject.hpp"
#include "oidc/userinfo_response.hpp"

namespace authly::endpoints {
namespace {

using oauth::ErrorCode;

constexpr std::string_view kOpenIdScope = "openid";

oauth::OAuthError invalid_token(std::string detail) {
  return oauth::make_error(ErrorCode::invalid_token, "The access token is invalid, expired or revoked",
                           std::move(detail));
}

oauth::OAuthError invalid_request(std::string description) {
  return oauth::make_error(ErrorCode::invalid_request, std::move(description));
}

bool is_form_content_type(std::optional<std::string_view> value) {
  if (!value) return false;
  auto media = value->substr(0, value->find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  return http::iequals(media, "application/x-www-form-urlencoded");
}

// The token authorizes, never a cookie, so any origin may call (RFC 6750 with CORS: a browser
// never attaches credentials to a request answered with "*"). WWW-Authenticate is exposed so an
// SPA can read why it was refused.
void allow_cross_origin(http::Response& r) {
  r.headers.set("Access-Control-Allow-Origin", "*");
  r.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate");
}

// A quoted-string value for WWW-Authenticate (RFC 9110 §5.6.4); our descriptions never need
// escaping, but a stray quote must not break the header.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) out.push_back(c == '"' || c == '\\' ? '\'' : c);
  out.push_back('"');
  return out;
}

// RFC 6750 §3: every error answer carries a Bearer challenge naming the error; a missing scope
// also names the scope that would do (§3: "scope" attribute).
http::Response bearer_error(const oauth::OAuthError& error) {
  auto r = oauth_error_response(error);
  std::string challenge = "Bearer realm=\"authly\", error=" + quoted(oauth::to_string(error.code));
  if (!error.description.empty())
    challenge += ", error_description=" + quoted(oauth::client_safe_description(error.description));
  if (error.code == ErrorCode::insufficient_scope) challenge += ", scope=" + quoted(kOpenIdScope);
  r.headers.set("WWW-Authenticate", std::move(challenge));
  allow_cross_origin(r);
  return r;
}

// RFC 6750 §3.1: "If the request lacks any authentication information ..., the resource server
// SHOULD NOT include an error code or other error information."
http::Response missing_token() {
  http::Response r;
  r.status = 401;
  r.headers.set("WWW-Authenticate", "Bearer realm=\"authly\"");
  r.headers.set("Cache-Control", "no-store");
  allow_cross_origin(r);
  return r;
}

std::vector<std::string> split_scope(std::string_view scope) {
  std::vector<std::string> out;
  while (!scope.empty()) {
    const auto end = scope.find(' ');
    if (end != 0) out.emplace_back(scope.substr(0, end));
    if (end == std::string_view::npos) break;
    scope.remove_prefix(end + 1);
  }
  return out;
}

// The userinfo member of the claims parameter, carried in the (already verified) token's payload
// as kUserinfoClaimsClaim. Anything but an array of strings names nothing.
std::vector<oauth::RequestedClaim> requested_userinfo_claims(std::string_view token) {
  std::vector<oauth::RequestedClaim> out;
  const auto first = token.find('.');
  const auto second = token.find('.', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return out;
  const auto payload = core::base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return out;
  auto claims = jose::parse_claims(*payload);
  if (!claims) return out;
  const auto* names = claims->if_contains(kUserinfoClaimsClaim);
  if (!names || !names->is_array()) return out;
  for (const auto& name : names->as_array())
    if (name.is_string()) out.push_back({std::string(name.as_string()), false, {}});
  return out;
}

}  // namespace

core::Result<std::optional<std::string>, oauth::OAuthError> userinfo_bearer_token(const http::Request& req) {
  if (!req.query.empty()) {
    auto query = http::FormParams::parse(req.query);
    if (!query) return core::fail(invalid_request("malformed query string"));
    if (query->has("access_token"))
      return core::fail(invalid_request("access_token must not be sent in the URL; use the Authorization header"));
  }
  auto header = bearer_token(req);
  if (!header) return core::fail(std::move(header).error());
  std::optional<std::string> token = std::move(*header);

  // §2.2: form-encoded body, and a method whose body has defined semantics (never GET).
  if (req.method == http::Method::post && is_form_content_type(req.header("Content-Type"))) {
    auto form = http::FormParams::parse(req.body);
    if (!form) return core::fail(invalid_request("malformed form body"));
    const auto n = form->count("access_token");
    if (n > 1) return core::fail(invalid_request("access_token must not be repeated"));
    // §2: "Clients MUST NOT use more than one method to transmit the token in each request."
    if (n == 1 && token) return core::fail(invalid_request("the access token was sent in more than one way"));
    if (n == 1) token = std::string(*form->get("access_token"));
  }
  return token;
}

http::Response handle_userinfo(EndpointContext& ctx, http::Request& req) {
  try {
    const auto now = ctx.clock.now();
    auto token = userinfo_bearer_token(req);
    if (!token) return bearer_error(token.error());
    if (!*token) return missing_token();

    const auto keys = ctx.keys.published();
    if (!keys) return bearer_error(invalid_token("no published keys"));
    auto claims = oauth::verify_access_token(**token, *keys, ctx.config.issuer, now, ctx.store.tokens());
    if (!claims) return bearer_error(claims.error());
    // Authly's access tokens name the issuer as their audience (token_issuer.hpp); one minted for
    // another resource server is not for this endpoint.
    if (std::find(claims->audience.begin(), claims->audience.end(), ctx.config.issuer) == claims->audience.end())
      return bearer_error(invalid_token("audience is not the issuer"));
    // `sub` is the client's subject (pairwise for pairwise clients); the user is sealed in the token.
    // A client_credentials token has no end-user (RFC 9068 §2.2: sub is the client_id). No scope
    // would make it good here, so it is invalid_token rather than insufficient_scope: the client
    // must obtain a token through a user's authorization, not just ask for more scope.
    const auto end_user = oauth::token_end_user(ctx.store, *claims, ctx.pairwise_key);
    if (!end_user) return bearer_error(end_user.error());
    if (!*end_user) return bearer_error(invalid_token("token has no end-user"));
    const store::User& user = **end_user;
    const auto client = ctx.store.clients().find(claims->client_id);
    if (!client || !client->is_active) return bearer_error(invalid_token("client gone or disabled"));
    // OIDC Core §5.3: the UserInfo Endpoint serves OpenID Connect access tokens only.
    if (!has_scope(claims->scope, kOpenIdScope))
      return bearer_error(
          oauth::make_error(ErrorCode::insufficient_scope, "This request needs an access token with scope openid"));

    boost::json::object body;
    // §5.3.2: sub is always returned, and is the one the ID token carried for this client.
    body["sub"] = oidc::subject_for(*client, user.id, ctx.pairwise_key);
    // Individually requested claims only of the scopes the client is registered for (OIDC Core
    // §5.4), whatever a token issued before that rule, or before the registration narrowed, names.
    auto requested = requested_userinfo_claims(**token);
    oauth::restrict_claims(requested, oauth::claims_of_scopes(client->scope));
    const auto released = oidc::user_claims(user, split_scope(claims->scope), requested);
    for (const auto& kv : released)
      if (kv.key() != "sub") body[kv.key()] = kv.value();
    // §5.3.2: a client that registered userinfo_signed_response_alg gets the claims as a JWT that
    // names us (iss) and it (aud); the others get plain JSON.
    if (const auto alg = oidc::userinfo_signing_alg(*client)) {
      const auto key = ctx.keys.active(*alg);
      if (!key) throw std::runtime_error("no signing key for " + std::string(jose::to_string(*alg)));
      auto r = no_store_json(200, oidc::sign_userinfo(*key, std::move(body), ctx.config.issuer, client->id));
      r.headers.set("Content-Type", "application/jwt");  // the no-store headers stay
      allow_cross_origin(r);
      return r;
    }
    auto r = no_store_json(200, boost::json::serialize(body));
    allow_cross_origin(r);
    return r;
  } catch (const std::exception& e) {
    auto r = internal_error(req, e);
    allow_cross_origin(r);
    return r;
  }
}

http::Response handle_userinfo_preflight(http::Request&) {
  http::Response r;
  r.status = 204;
  r.headers.set("Access-Control-Allow-Origin", "*");
  r.headers.set("Access-Control-Allow-Methods", "GET, POST");
  r.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  r.headers.set("Access-Control-Max-Age", "600");
  return r;
}

void register_userinfo_routes(http::Router& router, EndpointContext& ctx) {
  using http::Execution;
  using http::Method;
  auto* c = &ctx;
  router.add(
      Method::get, "/oidc/userinfo", [c](http::Request& r) { return handle_userinfo(*c, r); }, Execution::blocking,
      "userinfo");
  router.add(
      Method::post, "/oidc/userinfo", [c](http::Request& r) { return handle_userinfo(*c, r); }, Execution::blocking,
      "userinfo");
  router.add(Method::options, "/oidc/userinfo", handle_userinfo_preflight, Execution::inline_);
}

}  // namespace authly::endpoints
