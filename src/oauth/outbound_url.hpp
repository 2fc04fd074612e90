#pragma once
// Which URLs Authly may contact on behalf of a client (backchannel_logout_uri, jwks_uri, and any
// later sector_identifier_uri or request_uri), and which addresses they may reach. Server-side
// request forgery defence: a client registered without an administrator must not make Authly
// reach services that only the server can (loopback, private networks, cloud metadata at
// 169.254.169.254). The rule is applied twice: to the URL at registration (early, to refuse what
// can be refused without DNS) and to every resolved address at fetch time (the real guard, since
// a public name can resolve to a private address).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace authly::oauth {

// Who registered the client. Administrators may point a client at internal services (an RP on the
// same host or network); anonymous or initial-access-token registrations (RFC 7591) may not.
enum class Registrar { administrator, self };

// RFC 6890 special-purpose address blocks, grouped by what they mean for an outbound request.
enum class AddressClass {
  public_,      // global unicast
  loopback,     // 127.0.0.0/8, ::1
  private_,     // RFC 1918 10/8, 172.16/12, 192.168/16; fc00::/7 (RFC 4193); fec0::/10; 64:ff9b:1::/48
  link_local,   // 169.254.0.0/16 (cloud metadata lives here), fe80::/10
  shared,       // 100.64.0.0/10, carrier-grade NAT (RFC 6598)
  unspecified,  // 0.0.0.0/8 ("this network": 0.0.0.0 reaches the local host), ::
  multicast,    // 224.0.0.0/4, ff00::/8
  broadcast,    // 255.255.255.255
  reserved,     // documentation, benchmarking, IETF protocol assignments, 240/4, Teredo, discard-only
};

std::string_view to_string(AddressClass c);

// IPv4 in network byte order.
AddressClass classify_ipv4(const std::array<unsigned char, 4>& a);
// IPv6 in network byte order. Forms that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96,
// IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are classified by that address, so
// ::ffff:127.0.0.1 is loopback.
AddressClass classify_ipv6(const std::array<unsigned char, 16>& a);
// An IP literal as text ("10.0.0.1", "::1", "[::1]"); nullopt when it is not one.
std::optional<AddressClass> classify_ip_literal(std::string_view text);

// Public addresses for everyone; loopback, private, link-local and shared addresses only for
// clients an administrator registered; unspecified, multicast, broadcast and reserved never.
bool address_allowed(AddressClass c, Registrar who);

// A URL Authly may request, parsed and normalised (RFC 3986 §6.2.2: scheme and host lower-cased,
// default port dropped, empty path as "/").
struct OutboundUrl {
  std::string scheme;                   // "https" or "http"
  std::string host;                     // lower case; IPv6 without brackets
  std::uint16_t port = 0;               // explicit or the scheme's default
  std::string url;                      // the normalised URL: what is requested
  std::optional<AddressClass> literal;  // set when host is an IP literal
  bool loopback_host = false;           // an IP literal in 127/8 or ::1, or localhost (RFC 6761 §6.3)
};

// Parses `uri` for an outbound request on behalf of a client registered by `who`. Refused (with a
// fixed message, never echoing the input): anything but an absolute http(s) URL with a host; a
// fragment or user-info; http except on a loopback host for an administrator's client; a host name
// that is really a number (127.1, 2130706433, 0x7f.1: resolvers read them as IPv4) or holds
// percent-escapes; an IP literal or localhost name that address_allowed refuses for `who`.
core::Result<OutboundUrl, std::string> parse_outbound_url(std::string_view uri, Registrar who);

// The fetch-time check on what the host resolved to: every address must be allowed for `who` (one
// refused address refuses the request: the resolver's order is not ours to trust), and a plain
// http URL must reach loopback only. nullopt when the request may go ahead.
std::optional<std::string> check_resolved_addresses(const OutboundUrl& url, const std::vector<AddressClass>& resolved,
                                                    Registrar who);

}  // namespace authly::oauth
