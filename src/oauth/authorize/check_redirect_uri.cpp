#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {
namespace {

// RFC 8252 §7.3 names the loopback IP literals; "localhost" gets no leniency (§8.3: it may resolve
// elsewhere).
bool is_loopback_ip_literal(std::string_view host) { return host == "127.0.0.1" || host == "[::1]"; }

// RFC 8252 §7.3 lets the port vary over the TCP ports a native app may bind, not over any digit
// string: the requested URI is stored with the interaction and echoed in the redirect.
bool is_port_number_or_absent(const boost::urls::url_view& u) {
  if (!u.has_port() || u.port().empty()) return true;
  return u.port().size() <= 5 && u.port_number() != 0;
}

std::optional<boost::urls::url_view> parse_http(std::string_view uri) {
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view u = *parsed;
  // Boost.URL 1.81 splits "http://127.0.0.1.evil.example/cb" into host 127.0.0.1 and path
  // ".evil.example/cb"; RFC 3986 §3.3 needs '/' after an authority, so such a parse is not trusted.
  if (!u.has_authority() || (!u.encoded_path().empty() && u.encoded_path().front() != '/')) return std::nullopt;
  if (u.scheme() != "http" || u.has_userinfo() || u.has_fragment()) return std::nullopt;
  return u;
}

}  // namespace

bool redirect_uri_matches(std::string_view requested, std::string_view registered) {
  if (requested == registered) return true;
  auto req = parse_http(requested);
  auto reg = parse_http(registered);
  if (!req || !reg) return false;
  if (!is_loopback_ip_literal(req->encoded_host()) || req->encoded_host() != reg->encoded_host()) return false;
  if (!is_port_number_or_absent(*req)) return false;
  // Everything but the port must be identical.
  return req->encoded_path() == reg->encoded_path() && req->has_query() == reg->has_query() &&
         req->encoded_query() == reg->encoded_query();
}

std::optional<OAuthError> check_redirect_uri(const CheckInput& in, AuthorizationRequest& out) {
  const auto& registered = in.client.redirect_uris;
  const auto n = count(in.params, "redirect_uri");
  if (n > 1) return make_error(ErrorCode::invalid_request, "redirect_uri must not be repeated");
  if (n == 0) {
    if (registered.size() != 1)
      return make_error(ErrorCode::invalid_request, "redirect_uri is required: the client registered several");
    out.redirect_uri = registered.front();
    out.redirect_uri_given = false;
    return std::nullopt;
  }
  const auto requested = *single(in.params, "redirect_uri");
  const bool ok = std::any_of(registered.begin(), registered.end(),
                              [&](const std::string& r) { return redirect_uri_matches(requested, r); });
  if (!ok)
    return make_error(ErrorCode::invalid_redirect_uri, "redirect_uri is not registered for this client",
                      "client_id=" + in.client.id);
  out.redirect_uri = requested;
  out.redirect_uri_given = true;
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
