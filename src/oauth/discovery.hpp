#pragma once
// Authorization server metadata (RFC 8414 §2), served at /.well-known/oauth-authorization-server.
// Advertises exactly what Authly mounts; every URL is built from the one configured issuer.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace authly::oauth {

// `scopes`: the scope registry's names, in the order given (scopes_supported). OIDC discovery
// (OpenID Connect Discovery 1.0 §3) extends this object with its own members.
boost::json::object discovery_document(const config::Config& config, const std::vector<std::string>& scopes);

// The issuer without trailing '/' followed by `path` ("/auth/token").
std::string issuer_url(std::string_view issuer, std::string_view path);

// RFC 8414 §3.1: the well-known suffix goes between the host and the issuer's path, so issuer
// https://a.example/tenant has its metadata at /.well-known/oauth-authorization-server/tenant.
// Returns that path (the plain "/.well-known/<suffix>" when the issuer has no path).
std::string well_known_path(std::string_view issuer, std::string_view suffix);

}  // namespace authly::oauth
