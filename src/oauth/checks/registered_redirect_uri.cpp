#include "oauth/checks/registered_redirect_uri.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace authly::oauth {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "[::1]" || host == "::1") return true;
  // 127.0.0.0/8 in dotted-quad form only.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 3;
}

std::optional<std::string> check_registered_redirect_uri(std::string_view uri, ClientKind kind) {
  if (uri.empty()) return "redirect URI is empty";
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) {
    // parse_absolute_uri refuses fragments; say so precisely.
    if (uri.find('#') != std::string_view::npos) return "redirect URI must not contain a fragment";
    return "redirect URI is not an absolute URI";
  }
  const boost::urls::url_view u = *parsed;
  // Boost.URL 1.81 ends an IPv4 host early: "http://127.0.0.1.evil.example/cb" parses as host
  // 127.0.0.1 with path ".evil.example/cb". After an authority, RFC 3986 §3.3 requires the path to
  // be empty or start with '/', so such a parse is refused rather than trusted.
  if (u.has_authority() && !u.encoded_path().empty() && u.encoded_path().front() != '/')
    return "redirect URI is not an absolute URI";
  const std::string scheme = lower(u.scheme());
  if (scheme == "javascript" || scheme == "data" || scheme == "vbscript" || scheme == "file")
    return "redirect URI scheme '" + scheme + "' is not allowed";
  if (u.has_userinfo()) return "redirect URI must not contain user credentials";
  if (scheme == "https") {
    if (u.encoded_host().empty()) return "redirect URI has no host";
    return std::nullopt;
  }
  if (scheme == "http") {
    if (!is_loopback_host(lower(u.encoded_host())))
      return "http redirect URIs are allowed only on a loopback host (127.0.0.1, [::1], localhost); use https";
    return std::nullopt;
  }
  if (kind != ClientKind::public_)
    return "private-use URI schemes ('" + scheme + ":') are for native apps, which are public clients";
  return std::nullopt;
}

}  // namespace authly::oauth
