#pragma once
// Who the client is when Authly sits behind proxies. X-Forwarded-For is attacker-controlled unless
// the peer that sent it is a proxy we run, so it is believed only from trusted peers, and only up to
// the first address that is not one of our proxies (DESIGN.md §7). Plain C++ over inet_pton.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authly::http {

class ProxyTrust {
 public:
  ProxyTrust() = default;
  // Entries are IPv4/IPv6 addresses or CIDR ranges ("10.0.0.0/8", "fd00::/8"). Throws
  // std::invalid_argument naming an entry that is neither.
  explicit ProxyTrust(const std::vector<std::string>& entries);

  bool trusts(std::string_view address) const;

  // `peer` is the socket's peer address; `forwarded_for` the X-Forwarded-For field values in order.
  // If the peer is trusted, walks the list from the right, skipping trusted hops, and returns the
  // first untrusted address; an unparsable hop stops the walk at the last good one. Addresses are
  // returned in canonical text form, IPv4-mapped IPv6 as plain IPv4.
  std::string client_address(std::string_view peer, const std::vector<std::string_view>& forwarded_for) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};
    bool v6 = false;
    int prefix = 0;
  };
  static std::optional<Network> parse_address(std::string_view text);
  bool contains(const Network& address) const;

  std::vector<Network> networks_;
};

}  // namespace authly::http
