#include "oauth/client_metadata.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <set>

#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "oauth/checks/registered_redirect_uri.hpp"
#include "oauth/client_jwks.hpp"
#include "oauth/client_metadata_limits.hpp"

namespace authly::oauth {
namespace {

OAuthError bad(std::string description) {
  return make_error(ErrorCode::invalid_client_metadata, std::move(description));
}

const boost::json::value* member(const boost::json::object& o, std::string_view name) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::optional<OAuthError> read_string(const boost::json::object& o, std::string_view name, std::string& out) {
  const auto* v = member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) return bad(std::string(name) + " must be a string");
  out = std::string(v->as_string());
  return std::nullopt;
}

std::optional<OAuthError> read_optional_string(const boost::json::object& o, std::string_view name,
                                               std::optional<std::string>& out) {
  std::string value;
  if (auto err = read_string(o, name, value)) return err;
  if (member(o, name)) out = std::move(value);
  return std::nullopt;
}

std::optional<OAuthError> read_strings(const boost::json::object& o, std::string_view name,
                                       std::vector<std::string>& out) {
  const auto* v = member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_array()) return bad(std::string(name) + " must be an array of strings");
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) return bad(std::string(name) + " must be an array of strings");
    out.emplace_back(item.as_string());
  }
  return std::nullopt;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// An absolute URI with an authority that Boost.URL 1.81 parsed soundly: "http://127.0.0.1.evil/x"
// parses as host 127.0.0.1 with path ".evil/x" (see registered_redirect_uri.cpp), so a path after
// an authority must start with '/'.
std::optional<boost::urls::url_view> parse_url(std::string_view uri, std::string& why, std::string_view what) {
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) {
    why = uri.find('#') != std::string_view::npos ? std::string(what) + " must not contain a fragment"
                                                  : std::string(what) + " is not an absolute URL";
    return std::nullopt;
  }
  const boost::urls::url_view u = *parsed;
  if (!u.has_authority() || u.encoded_host().empty() ||
      (!u.encoded_path().empty() && u.encoded_path().front() != '/')) {
    why = std::string(what) + " is not an absolute URL with a host";
    return std::nullopt;
  }
  if (u.has_userinfo()) {
    why = std::string(what) + " must not contain user credentials";
    return std::nullopt;
  }
  return u;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// An algorithm Authly signs with: an asymmetric one it holds keys for (never none or HS256).
bool is_signing_alg(std::string_view alg) {
  const auto parsed = jose::algorithm_from_string(alg);
  return parsed && jose::AlgorithmSet::asymmetric().contains(*parsed);
}

}  // namespace

core::Result<ClientMetadata, OAuthError> parse_client_metadata(std::string_view json) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) return core::fail(bad("the request body must be a JSON object"));
  const auto& o = parsed.as_object();

  ClientMetadata m;
  for (auto err :
       {read_optional_string(o, "client_id", m.client_id), read_optional_string(o, "client_secret", m.client_secret),
        read_string(o, "client_name", m.client_name), read_strings(o, "redirect_uris", m.redirect_uris),
        read_strings(o, "post_logout_redirect_uris", m.post_logout_redirect_uris),
        read_strings(o, "grant_types", m.grant_types), read_strings(o, "response_types", m.response_types),
        read_string(o, "token_endpoint_auth_method", m.token_endpoint_auth_method), read_string(o, "scope", m.scope),
        read_string(o, "jwks_uri", m.jwks_uri), read_string(o, "backchannel_logout_uri", m.backchannel_logout_uri),
        read_string(o, "id_token_signed_response_alg", m.id_token_signed_response_alg),
        read_string(o, "userinfo_signed_response_alg", m.userinfo_signed_response_alg),
        read_string(o, "subject_type", m.subject_type),
        read_string(o, "sector_identifier_uri", m.sector_identifier_uri), read_string(o, "client_type", m.client_type)})
    if (err) return core::fail(std::move(*err));
  if (auto err = check_metadata_limits(m)) return core::fail(std::move(*err));

  if (const auto* v = member(o, "require_consent")) {
    if (!v->is_bool()) return core::fail(bad("require_consent must be true or false"));
    m.require_consent = v->as_bool();
  }

  if (const auto* v = member(o, "backchannel_logout_session_required")) {
    if (!v->is_bool()) return core::fail(bad("backchannel_logout_session_required must be true or false"));
    m.backchannel_logout_session_required = v->as_bool();
  }

  if (const auto* v = member(o, "jwks")) {
    // RFC 7591 §2: jwks is a JWK Set document by value, and excludes jwks_uri.
    if (!v->is_object()) return core::fail(bad("jwks must be a JWK Set object"));
    if (!m.jwks_uri.empty()) return core::fail(bad("jwks and jwks_uri must not both be present"));
    // Public keys only, and a bounded number of them (client_jwks.hpp).
    auto set = parse_client_jwks(v->as_object());
    if (!set) return core::fail(bad(set.error()));
    m.jwks = boost::json::serialize(*v);
  }

  for (const auto& rt : m.response_types)
    if (rt != "code")
      return core::fail(make_error(ErrorCode::invalid_client_metadata,
                                   "only response type 'code' is supported (OAuth 2.1 has no implicit flow)",
                                   "response type: " + rt));
  // RFC 7591 §2.1: "code" goes with authorization_code, and authorization_code with "code". Absent
  // grant_types means the registry default, which includes authorization_code.
  const bool code_grant = m.grant_types.empty() || contains(m.grant_types, "authorization_code");
  const bool code_response = contains(m.response_types, "code");
  if (code_response && !code_grant)
    return core::fail(bad("response type 'code' needs the authorization_code grant type"));
  if (member(o, "response_types") && code_grant && !code_response)
    return core::fail(bad("the authorization_code grant type needs response type 'code'"));
  return m;
}

std::optional<std::string> check_id_token_signed_response_alg(std::string_view alg) {
  if (alg == "none") return "unsigned ID tokens (alg none) are not issued";
  if (!is_signing_alg(alg)) return "id_token_signed_response_alg must be one of RS256, PS256, ES256, EdDSA";
  return std::nullopt;
}

std::optional<std::string> check_userinfo_signed_response_alg(std::string_view alg) {
  if (alg.empty()) return std::nullopt;
  if (alg == "none")
    return "unsigned UserInfo responses (alg none) are not issued; omit userinfo_signed_response_alg for JSON";
  if (!is_signing_alg(alg)) return "userinfo_signed_response_alg must be one of RS256, PS256, ES256, EdDSA";
  return std::nullopt;
}

std::optional<std::string> check_sector_identifier_uri(std::string_view uri) {
  std::string why;
  auto u = parse_url(uri, why, "sector_identifier_uri");
  if (!u) return why;
  if (lower(u->scheme()) != "https") return "sector_identifier_uri must be an https URL";
  return std::nullopt;
}

std::optional<std::string> check_subject_type(std::string_view subject_type, std::string_view sector_identifier_uri,
                                              const std::vector<std::string>& redirect_uris) {
  if (subject_type == "public") return std::nullopt;
  if (subject_type != "pairwise") return "subject_type must be 'public' or 'pairwise'";
  if (!sector_identifier_uri.empty()) return std::nullopt;
  std::set<std::string> hosts;
  for (const auto& uri : redirect_uris) {
    auto parsed = boost::urls::parse_uri(uri);
    hosts.insert(parsed ? lower(parsed->encoded_host()) : std::string());
  }
  if (hosts.size() == 1 && !hosts.begin()->empty()) return std::nullopt;
  return hosts.size() > 1 ? "pairwise subjects with redirect URIs on more than one host need a sector_identifier_uri"
                          : "pairwise subjects need a redirect URI host or a sector_identifier_uri";
}

std::optional<std::string> check_backchannel_logout_uri(std::string_view uri, Registrar who) {
  auto parsed = parse_outbound_url(uri, who);
  if (!parsed) return "backchannel_logout_uri " + parsed.error();
  return std::nullopt;
}

std::optional<std::string> check_jwks_uri(std::string_view uri, Registrar who) {
  auto parsed = parse_outbound_url(uri, who);
  if (!parsed) return "jwks_uri " + parsed.error();
  return std::nullopt;
}

std::string effective_client_type(const ClientMetadata& m) {
  if (!m.client_type.empty()) return m.client_type;
  return m.token_endpoint_auth_method == "none" ? "public" : "confidential";
}

}  // namespace authly::oauth
