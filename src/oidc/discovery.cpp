#include "oidc/discovery.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "oauth/discovery.hpp"
#include "oidc/claims.hpp"

namespace authly::oidc {
namespace {

boost::json::array strings(std::initializer_list<std::string_view> values) {
  boost::json::array a;
  for (auto v : values) a.emplace_back(v);
  return a;
}

}  // namespace

boost::json::object provider_metadata(const config::Config& config, const std::vector<std::string>& scopes) {
  auto d = oauth::discovery_document(config, scopes);
  const std::string_view issuer = config.issuer;
  d["userinfo_endpoint"] = oauth::issuer_url(issuer, "/oidc/userinfo");
  d["end_session_endpoint"] = oauth::issuer_url(issuer, "/oidc/logout");
  // Core §8: public by default, pairwise per client (registration's subject_type).
  d["subject_types_supported"] = strings({"public", "pairwise"});
  // Core §15.1 requires RS256; every key type Authly can hold signs ID tokens.
  d["id_token_signing_alg_values_supported"] = strings({"RS256", "PS256", "ES256", "EdDSA"});
  // Core §5.3.2: UserInfo is JSON unless the client registered userinfo_signed_response_alg.
  d["userinfo_signing_alg_values_supported"] = strings({"RS256", "PS256", "ES256", "EdDSA"});
  boost::json::array claims;
  for (auto c : supported_claims()) claims.emplace_back(c);
  d["claims_supported"] = std::move(claims);
  d["claim_types_supported"] = strings({"normal"});
  d["claims_parameter_supported"] = true;  // Core §5.5
  // Discovery §3: request_uri_parameter_supported defaults to true, so "not supported" is said.
  d["request_parameter_supported"] = false;
  d["request_uri_parameter_supported"] = false;
  d["prompt_values_supported"] = strings({"none", "login", "consent"});
  // Password sign-in is the one authentication context Authly performs (ISO/IEC 29115 level 1).
  d["acr_values_supported"] = strings({"1"});
  // RP-Initiated Logout 1.0 and Back-Channel Logout 1.0 §2.1; no front-channel (iframe) logout.
  d["backchannel_logout_supported"] = true;
  d["backchannel_logout_session_supported"] = true;
  d["frontchannel_logout_supported"] = false;
  return d;
}

std::string openid_configuration_path(std::string_view issuer) {
  const auto scheme_end = issuer.find("://");
  const auto path_start = issuer.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  std::string path(path_start == std::string_view::npos ? std::string_view() : issuer.substr(path_start));
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path + "/.well-known/openid-configuration";
}

std::string provider_metadata_json(const config::Config& config, store::ScopeRepository& scopes) {
  std::vector<std::string> names;
  for (const auto& scope : scopes.list()) names.push_back(scope.name);
  return boost::json::serialize(provider_metadata(config, names));
}

}  // namespace authly::oidc
