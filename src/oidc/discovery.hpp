#pragma once
// OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3): the RFC 8414 document of
// oauth/discovery.hpp plus the OIDC members. Served at /.well-known/openid-configuration and, as
// RFC 8414 §2 allows extra members, at /.well-known/oauth-authorization-server too, so both
// documents always agree.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "store/scope_repository.hpp"

namespace authly::oidc {

boost::json::object provider_metadata(const config::Config& config, const std::vector<std::string>& scopes);

// The serialized document as served: the configuration plus every scope of the registry
// (scopes_supported), read from `scopes` now.
std::string provider_metadata_json(const config::Config& config, store::ScopeRepository& scopes);

// Discovery §4: the issuer followed by "/.well-known/openid-configuration" — appended after the
// issuer's path (unlike RFC 8414's insertion). Returns the path part the server must mount.
std::string openid_configuration_path(std::string_view issuer);

}  // namespace authly::oidc
