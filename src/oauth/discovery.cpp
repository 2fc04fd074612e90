#include "oauth/discovery.hpp"

#include <boost/json/array.hpp>

namespace authly::oauth {
namespace {

boost::json::array strings(std::initializer_list<std::string_view> values) {
  boost::json::array a;
  for (auto v : values) a.emplace_back(v);
  return a;
}

// The path of an absolute issuer URL ("" when it has none), without trailing '/'.
std::string_view issuer_path(std::string_view issuer) {
  const auto scheme_end = issuer.find("://");
  const auto path_start = issuer.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  if (path_start == std::string_view::npos) return {};
  auto path = issuer.substr(path_start);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return path;
}

}  // namespace

std::string issuer_url(std::string_view issuer, std::string_view path) {
  while (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
  return std::string(issuer) + std::string(path);
}

std::string well_known_path(std::string_view issuer, std::string_view suffix) {
  return "/.well-known/" + std::string(suffix) + std::string(issuer_path(issuer));
}

boost::json::object discovery_document(const config::Config& config, const std::vector<std::string>& scopes) {
  const std::string_view issuer = config.issuer;
  boost::json::object d;
  // RFC 8414 §3.3: the issuer member must be identical to the issuer the client expected.
  d["issuer"] = issuer;
  d["authorization_endpoint"] = issuer_url(issuer, "/oauth/authorize");
  d["token_endpoint"] = issuer_url(issuer, "/auth/token");
  d["jwks_uri"] = issuer_url(issuer, "/oidc/jwks");
  if (config.oauth.dynamic_registration) d["registration_endpoint"] = issuer_url(issuer, "/oauth/clients");
  d["revocation_endpoint"] = issuer_url(issuer, "/auth/revoke");
  d["introspection_endpoint"] = issuer_url(issuer, "/auth/introspect");

  boost::json::array scope_names;
  for (const auto& s : scopes) scope_names.emplace_back(s);
  d["scopes_supported"] = std::move(scope_names);
  // OAuth 2.1: the implicit grant and its response types are gone; only the code flow remains.
  d["response_types_supported"] = strings({"code"});
  d["response_modes_supported"] = strings({"query", "form_post"});
  auto grants = strings({"authorization_code", "refresh_token", "client_credentials"});
  if (config.oauth.password_grant) grants.emplace_back("password");
  d["grant_types_supported"] = std::move(grants);

  const auto signing_algs = strings({"RS256", "PS256", "ES256", "EdDSA"});
  d["token_endpoint_auth_methods_supported"] =
      strings({"client_secret_basic", "client_secret_post", "private_key_jwt", "none"});
  d["token_endpoint_auth_signing_alg_values_supported"] = signing_algs;
  // Public clients may revoke their own tokens (RFC 7009 §2.1); introspection is for resource
  // servers that authenticate (RFC 7662 §2.1), so "none" is not offered there.
  d["revocation_endpoint_auth_methods_supported"] =
      strings({"client_secret_basic", "client_secret_post", "private_key_jwt", "none"});
  d["revocation_endpoint_auth_signing_alg_values_supported"] = signing_algs;
  d["introspection_endpoint_auth_methods_supported"] =
      strings({"client_secret_basic", "client_secret_post", "private_key_jwt"});
  d["introspection_endpoint_auth_signing_alg_values_supported"] = signing_algs;
  // PKCE (RFC 7636) with S256 only: "plain" is refused (DESIGN.md §7).
  d["code_challenge_methods_supported"] = strings({"S256"});
  // RFC 9207 §3: every authorization response carries iss.
  d["authorization_response_iss_parameter_supported"] = true;
  return d;
}

}  // namespace authly::oauth
