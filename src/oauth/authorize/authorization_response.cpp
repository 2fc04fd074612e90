#include "oauth/authorize/authorization_response.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "oauth/error_description.hpp"

namespace authly::oauth::authorize {

AuthorizationResponse success_response(const std::string& redirect_uri, ResponseMode mode, const std::string& code,
                                       const std::string& state, const std::string& issuer) {
  AuthorizationResponse r{redirect_uri, mode, {{"code", code}}};
  if (!state.empty()) r.params.emplace_back("state", state);
  r.params.emplace_back("iss", issuer);  // RFC 9207 §2: lets the client detect mix-up attacks
  return r;
}

AuthorizationResponse error_response(const std::string& redirect_uri, ResponseMode mode, const OAuthError& error,
                                     const std::string& state, const std::string& issuer) {
  AuthorizationResponse r{redirect_uri, mode, {{"error", std::string(to_string(error.code))}}};
  if (!error.description.empty())
    r.params.emplace_back("error_description", client_safe_description(error.description));
  if (!state.empty()) r.params.emplace_back("state", state);
  r.params.emplace_back("iss", issuer);
  return r;
}

std::optional<std::string> uri_origin(std::string_view uri) {
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view u = *parsed;
  std::string origin(u.scheme());
  origin += ':';
  if (!u.has_authority()) return origin;
  if (!u.encoded_path().empty() && u.encoded_path().front() != '/') return std::nullopt;  // Boost.URL 1.81 mis-split
  origin += "//";
  origin += u.encoded_host_and_port();
  return origin;
}

}  // namespace authly::oauth::authorize
