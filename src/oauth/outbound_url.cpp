#include "oauth/outbound_url.hpp"

#include <algorithm>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <charconv>

namespace authly::oauth {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool in_prefix(const unsigned char* a, const std::array<unsigned char, 16>& prefix, int bits) {
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((a[i] & mask) != (prefix[static_cast<std::size_t>(i)] & mask)) return false;
  }
  return true;
}

AddressClass embedded_ipv4(const unsigned char* p) { return classify_ipv4({p[0], p[1], p[2], p[3]}); }

// RFC 6761 §6.3: "localhost" and every name under it resolve to loopback.
bool is_localhost_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host == "localhost" || host.ends_with(".localhost");
}

// inet_aton (and so getaddrinfo and curl) reads "127.1", "2130706433" and "0x7f.1" as IPv4
// addresses; a DNS name never has an all-numeric top-level label (RFC 3696 §2), so such a "name" is
// an address in disguise and is refused rather than classified.
bool is_numeric_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const auto dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return true;
  if (std::all_of(last.begin(), last.end(), [](unsigned char c) { return std::isdigit(c); })) return true;
  return last.size() > 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
         std::all_of(last.begin() + 2, last.end(), [](unsigned char c) { return std::isxdigit(c); });
}

constexpr std::string_view kRefusedAddress =
    "must not point to a loopback, private, link-local or otherwise internal address";

}  // namespace

std::string_view to_string(AddressClass c) {
  switch (c) {
    case AddressClass::public_:
      return "public";
    case AddressClass::loopback:
      return "loopback";
    case AddressClass::private_:
      return "private";
    case AddressClass::link_local:
      return "link-local";
    case AddressClass::shared:
      return "shared";
    case AddressClass::unspecified:
      return "unspecified";
    case AddressClass::multicast:
      return "multicast";
    case AddressClass::broadcast:
      return "broadcast";
    case AddressClass::reserved:
      return "reserved";
  }
  return "reserved";
}

AddressClass classify_ipv4(const std::array<unsigned char, 4>& a) {
  const unsigned b0 = a[0], b1 = a[1], b2 = a[2];
  if (a == std::array<unsigned char, 4>{255, 255, 255, 255}) return AddressClass::broadcast;
  if (b0 == 0) return AddressClass::unspecified;
  if (b0 == 127) return AddressClass::loopback;
  if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) return AddressClass::private_;
  if (b0 == 169 && b1 == 254) return AddressClass::link_local;
  if (b0 == 100 && (b1 & 0xc0) == 64) return AddressClass::shared;
  if (b0 >= 224 && b0 <= 239) return AddressClass::multicast;
  if (b0 >= 240) return AddressClass::reserved;
  // RFC 6890: IETF protocol assignments 192.0.0/24, documentation 192.0.2/24, 198.51.100/24,
  // 203.0.113/24, benchmarking 198.18/15, 6to4 relay anycast 192.88.99/24 (deprecated, RFC 7526).
  if ((b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) || (b0 == 198 && b1 == 51 && b2 == 100) ||
      (b0 == 203 && b1 == 0 && b2 == 113) || (b0 == 198 && (b1 & 0xfe) == 18) || (b0 == 192 && b1 == 88 && b2 == 99))
    return AddressClass::reserved;
  return AddressClass::public_;
}

AddressClass classify_ipv6(const std::array<unsigned char, 16>& a) {
  const unsigned char* p = a.data();
  const bool first_80_zero = std::all_of(p, p + 10, [](unsigned char c) { return c == 0; });
  if (first_80_zero && p[10] == 0xff && p[11] == 0xff) return embedded_ipv4(p + 12);  // ::ffff:a.b.c.d
  if (first_80_zero && p[10] == 0 && p[11] == 0) {
    if (std::all_of(p + 12, p + 15, [](unsigned char c) { return c == 0; })) {
      if (p[15] == 0) return AddressClass::unspecified;  // ::
      if (p[15] == 1) return AddressClass::loopback;     // ::1
    }
    return embedded_ipv4(p + 12);  // deprecated IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1)
  }
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) reaches the embedded IPv4 address.
  if (in_prefix(p, {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96)) return embedded_ipv4(p + 12);
  if (in_prefix(p, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48)) return AddressClass::private_;  // RFC 8215 local NAT64
  if (p[0] == 0x20 && p[1] == 0x02) return embedded_ipv4(p + 2);                              // 6to4 2002::/16
  if ((p[0] & 0xfe) == 0xfc) return AddressClass::private_;                                   // fc00::/7
  if (p[0] == 0xfe && (p[1] & 0xc0) == 0x80) return AddressClass::link_local;                 // fe80::/10
  if (p[0] == 0xfe && (p[1] & 0xc0) == 0xc0) return AddressClass::private_;                   // fec0::/10 site-local
  if (p[0] == 0xff) return AddressClass::multicast;
  if (in_prefix(p, {0x20, 0x01, 0x0d, 0xb8}, 32)) return AddressClass::reserved;        // documentation
  if (in_prefix(p, {0x20, 0x01, 0x00, 0x00}, 32)) return AddressClass::reserved;        // Teredo tunnels
  if (in_prefix(p, {0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64)) return AddressClass::reserved;  // discard-only
  return AddressClass::public_;
}

std::optional<AddressClass> classify_ip_literal(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (auto v4 = boost::urls::parse_ipv4_address(text)) return classify_ipv4(v4->to_bytes());
  if (auto v6 = boost::urls::parse_ipv6_address(text)) return classify_ipv6(v6->to_bytes());
  return std::nullopt;
}

bool address_allowed(AddressClass c, Registrar who) {
  switch (c) {
    case AddressClass::public_:
      return true;
    case AddressClass::loopback:
    case AddressClass::private_:
    case AddressClass::link_local:
    case AddressClass::shared:
      return who == Registrar::administrator;
    case AddressClass::unspecified:
    case AddressClass::multicast:
    case AddressClass::broadcast:
    case AddressClass::reserved:
      return false;
  }
  return false;
}

core::Result<OutboundUrl, std::string> parse_outbound_url(std::string_view uri, Registrar who) {
  // parse_absolute_uri refuses a fragment (RFC 3986 §4.3): nothing after '#' is ever sent.
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) {
    return core::fail(std::string(uri.find('#') != std::string_view::npos ? "must not contain a fragment"
                                                                          : "is not an absolute URL"));
  }
  const boost::urls::url_view u = *parsed;
  // Boost.URL 1.81 reads "http://127.0.0.1.evil/x" as host 127.0.0.1 with path ".evil/x" (see
  // registered_redirect_uri.cpp): a path after an authority must start with '/'.
  if (!u.has_authority() || u.encoded_host().empty() || (!u.encoded_path().empty() && u.encoded_path().front() != '/'))
    return core::fail(std::string("is not an absolute URL with a host"));
  if (u.has_userinfo()) return core::fail(std::string("must not contain user credentials"));

  OutboundUrl out;
  out.scheme = lower(u.scheme());
  if (out.scheme != "https" && out.scheme != "http") return core::fail(std::string("must be an https URL"));

  std::string bracketed;
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      out.host = u.host_ipv4_address().to_string();
      out.literal = classify_ipv4(u.host_ipv4_address().to_bytes());
      bracketed = out.host;
      break;
    case boost::urls::host_type::ipv6:
      out.host = u.host_ipv6_address().to_string();
      out.literal = classify_ipv6(u.host_ipv6_address().to_bytes());
      bracketed = "[" + out.host + "]";
      break;
    case boost::urls::host_type::name: {
      const std::string_view encoded = u.encoded_host();
      if (encoded.find('%') != std::string_view::npos)
        return core::fail(std::string("must name its host without percent-escapes"));
      out.host = lower(encoded);
      if (is_numeric_name(out.host)) return core::fail(std::string("must name its host by DNS name or IP address"));
      bracketed = out.host;
      break;
    }
    default:
      return core::fail(std::string("is not an absolute URL with a host"));
  }
  out.loopback_host = out.literal ? *out.literal == AddressClass::loopback : is_localhost_name(out.host);
  const AddressClass host_class = out.literal         ? *out.literal
                                  : out.loopback_host ? AddressClass::loopback
                                                      : AddressClass::public_;  // decided again after DNS
  if (!address_allowed(host_class, who)) return core::fail(std::string(kRefusedAddress));
  // Plain http would expose the request (logout tokens, key material) to the network; it is only
  // for development against a relying party on the same host, set up by an administrator.
  if (out.scheme == "http" && !(out.loopback_host && who == Registrar::administrator))
    return core::fail(std::string(who == Registrar::administrator
                                      ? "must be an https URL (http only on a loopback host)"
                                      : "must be an https URL"));

  const std::uint16_t default_port = out.scheme == "https" ? 443 : 80;
  out.port = default_port;
  if (u.has_port() && !u.port().empty()) {
    // Boost.URL 1.81's port_number() wraps values above 65535: read the digits ourselves.
    const std::string_view digits = u.port();
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535)
      return core::fail(std::string("has an invalid port"));
    out.port = static_cast<std::uint16_t>(value);
  }
  out.url = out.scheme + "://" + bracketed;
  if (out.port != default_port) {
    out.url += ':';
    out.url += std::to_string(out.port);
  }
  out.url += u.encoded_path().empty() ? std::string("/") : std::string(u.encoded_path());
  if (u.has_query()) {
    out.url += '?';
    out.url += std::string_view(u.encoded_query());
  }
  return out;
}

std::optional<std::string> check_resolved_addresses(const OutboundUrl& url, const std::vector<AddressClass>& resolved,
                                                    Registrar who) {
  if (resolved.empty()) return std::string("the host did not resolve");
  for (const auto c : resolved) {
    if (!address_allowed(c, who)) return "the host resolves to a " + std::string(to_string(c)) + " address";
    if (url.scheme == "http" && c != AddressClass::loopback)
      return std::string("a plain http URL must reach a loopback address");
  }
  return std::nullopt;
}

}  // namespace authly::oauth
