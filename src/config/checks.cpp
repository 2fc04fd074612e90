#include "config/checks.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <charconv>

#include "config/key_table.hpp"
#include "core/base64url.hpp"

namespace authly::config::detail {
namespace {

bool is_ipv4(const std::string& s) {
  in_addr a{};
  return ::inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& s) {
  in6_addr a{};
  return ::inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

std::optional<int> parse_number(std::string_view s, int max) {
  int n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || s.size() > 5 || ec != std::errc() || end != s.data() + s.size() || n < 0 || n > max) {
    return std::nullopt;
  }
  return n;
}

bool is_hostname(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; });
}

bool is_loopback(const boost::urls::url_view& u) {
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      return u.host_ipv4_address().to_bytes()[0] == 127;
    case boost::urls::host_type::ipv6:
      return u.host_ipv6_address().is_loopback();
    case boost::urls::host_type::name: {
      std::string host = u.host();
      std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
      return host == "localhost";
    }
    default:
      return false;
  }
}

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

}  // namespace

std::optional<HostPort> parse_listen(std::string_view text) {
  std::string host;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
    host = std::string(text.substr(1, close - 1));
    if (!is_ipv6(host)) return std::nullopt;
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = std::string(text.substr(0, colon));
    // A bare IPv6 address is ambiguous with its port: brackets are required.
    if (!is_hostname(host)) return std::nullopt;
    const bool numeric =
        std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; });
    if (numeric && !is_ipv4(host)) return std::nullopt;
    port = text.substr(colon + 1);
  }
  const auto n = parse_number(port, 65535);
  if (!n) return std::nullopt;
  return HostPort{std::move(host), static_cast<std::uint16_t>(*n)};
}

void check_issuer(std::string_view issuer) {
  const auto parsed = boost::urls::parse_uri(issuer);
  if (!parsed)
    throw BadValue("must be an absolute URL such as https://auth.example.com, got '" + std::string(issuer) + "'");
  const auto& u = *parsed;
  if (u.scheme() != "https" && u.scheme() != "http")
    throw BadValue("must use https, got '" + std::string(issuer) + "'");
  if (!u.has_authority() || u.encoded_host().empty()) throw BadValue("must have a host");
  // Boost.URL 1.81 ends an IPv4 host early ("http://127.0.0.1.evil.example" parses as host
  // 127.0.0.1, path ".evil.example"); RFC 3986 §3.3 says a path after an authority starts with '/'.
  if (!u.encoded_path().empty() && u.encoded_path().front() != '/')
    throw BadValue("must be an absolute URL such as https://auth.example.com, got '" + std::string(issuer) + "'");
  if (u.has_userinfo()) throw BadValue("must not contain user information");
  if (u.has_port() && !parse_number(u.port(), 65535)) throw BadValue("has an invalid port");
  // OpenID Connect Core §2 (iss) and Discovery §3: scheme, host, optional port and path only.
  if (u.has_query()) throw BadValue("must not have a query component");
  if (u.has_fragment()) throw BadValue("must not have a fragment component");
  // Discovery §4.3 compares issuers exactly, so "https://a/" and "https://a" are different issuers.
  if (u.encoded_path().ends_with('/')) throw BadValue("must not end with '/', got '" + std::string(issuer) + "'");
  if (u.scheme() == "http" && !is_loopback(u)) {
    throw BadValue("must use https unless the host is loopback (localhost, 127.0.0.0/8, [::1]), got '" +
                   std::string(issuer) + "'");
  }
}

void check_listen(std::string_view listen) {
  if (!parse_listen(listen)) {
    throw BadValue("must be host:port or [ipv6]:port with port 0..65535, got '" + std::string(listen) + "'");
  }
}

void check_optional_listen(std::string_view listen) {
  if (!listen.empty()) check_listen(listen);
}

void check_database_url(std::string_view url) {
  if (url.empty() || url == "sqlite::memory:") return;
  if (url.starts_with("sqlite://")) {
    // sqlite:///abs/path names "/abs/path"; sqlite://rel/path names "rel/path".
    const auto path = url.substr(9);
    if (path.empty() || path == "/" || path.ends_with('/')) throw BadValue("sqlite URL must name a file");
    return;
  }
  // libpq validates the rest (it also accepts multi-host URLs, which are not RFC 3986 URIs).
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) {
      if (url.size() == scheme.size() || has_control_or_space(url)) throw BadValue("is not a valid PostgreSQL URL");
      return;
    }
  }
  throw BadValue("must be sqlite:///abs/path, sqlite://rel/path, sqlite::memory:, postgresql://... or postgres://...");
}

void check_redis_url(std::string_view url) {
  if (url.empty()) return;
  if (url.starts_with("rediss://")) throw BadValue("rediss:// (TLS) is not supported; use redis://");
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "redis") throw BadValue("must be redis://[:password@]host[:port][/db]");
  const auto& u = *parsed;
  if (!u.has_authority() || u.encoded_host().empty()) throw BadValue("must have a host");
  if (u.has_port() && !parse_number(u.port(), 65535)) throw BadValue("has an invalid port");
  if (u.has_query() || u.has_fragment()) throw BadValue("must not have a query or fragment");
  const std::string_view path = u.encoded_path();
  if (!path.empty() && path != "/" && !parse_number(path.substr(1), 99999)) {
    throw BadValue("database must be a number (redis://host:6379/0)");
  }
}

void check_master_key(std::string_view key) {
  if (key.empty()) return;
  const auto bytes = core::base64url_decode(key);
  if (!bytes || bytes->size() != 32) throw BadValue("must be base64url (no padding) of exactly 32 bytes");
}

void check_trusted_proxy(std::string_view entry) {
  const auto slash = entry.find('/');
  const std::string address(entry.substr(0, slash));
  const bool v4 = is_ipv4(address);
  const bool v6 = !v4 && is_ipv6(address);
  bool ok = v4 || v6;
  if (ok && slash != std::string_view::npos) ok = parse_number(entry.substr(slash + 1), v4 ? 32 : 128).has_value();
  if (!ok) throw BadValue("entries must be IP addresses or CIDR ranges, got '" + std::string(entry) + "'");
}

void check_cors_origin(std::string_view origin) {
  // Compared byte for byte with the Origin header, so only the form a browser sends can ever match:
  // anything else is refused here rather than silently never matching.
  const auto fail = [&](std::string_view why) {
    throw BadValue("entries must be origins like https://app.example.com or http://localhost:8080 (" +
                   std::string(why) + "), got '" + std::string(origin) + "'");
  };
  if (origin.find('*') != std::string_view::npos) fail("no wildcards");
  auto u = boost::urls::parse_absolute_uri(origin);
  if (!u) fail("not an absolute URL");
  const std::string_view scheme = u->scheme();
  if (scheme != "http" && scheme != "https") fail("scheme http or https, in lower case");
  if (!u->has_authority() || u->encoded_host().empty()) fail("a host");
  if (u->has_userinfo()) fail("no user info");
  if (!u->encoded_path().empty() || u->has_query() || u->has_fragment()) fail("no path, not even '/'");
  const std::string_view host = u->encoded_host();
  if (std::any_of(host.begin(), host.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) fail("a lower-case host");
  if (u->has_port()) {
    const auto port = u->port();
    if (port.empty() || !parse_number(port, 65535) || port.front() == '0') fail("a port 1-65535");
    if ((scheme == "https" && port == "443") || (scheme == "http" && port == "80")) fail("no default port");
  }
}

void check_not_empty(std::string_view value) {
  if (value.empty()) throw BadValue("must not be empty");
}

std::string redact_url(std::string_view url) {
  std::string out(url);
  const auto scheme_end = out.find("://");
  if (scheme_end == std::string::npos) return out;
  const auto authority_start = scheme_end + 3;
  const auto authority_end = std::min(out.find_first_of("/?#", authority_start), out.size());
  const auto at = out.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority_start) {
    const auto colon = out.find(':', authority_start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "<redacted>");
  }
  // libpq also takes the password as a query parameter.
  for (auto pos = out.find("password=", authority_start); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    if (out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    const auto value_start = pos + 9;
    const auto value_end = std::min(out.find_first_of("&#", value_start), out.size());
    out.replace(value_start, value_end - value_start, "<redacted>");
  }
  return out;
}

void check_signing_alg(std::string_view alg) {
  // "none" and HS256 are never signing algorithms for tokens others verify (RFC 9068 §2.1).
  if (alg != "ES256" && alg != "RS256" && alg != "PS256" && alg != "EdDSA")
    throw BadValue("must be one of ES256|RS256|PS256|EdDSA, got '" + std::string(alg) + "'");
}

}  // namespace authly::config::detail
