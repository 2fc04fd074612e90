#include "http/server/proxy_trust.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/text.hpp"

namespace authly::http {

std::optional<ProxyTrust::Network> ProxyTrust::parse_address(std::string_view text) {
  text = core::trim_ows(text);
  // Proxies sometimes write "[v6]:port" or "v4:port".
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    text = text.substr(0, text.find(':'));
  }
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string z(text);

  Network n;
  if (inet_pton(AF_INET, z.c_str(), n.bytes.data()) == 1) {
    n.prefix = 32;
    return n;
  }
  if (inet_pton(AF_INET6, z.c_str(), n.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(std::begin(kV4Mapped), std::end(kV4Mapped), n.bytes.begin())) {
    std::copy(n.bytes.begin() + 12, n.bytes.end(), n.bytes.begin());
    std::fill(n.bytes.begin() + 4, n.bytes.end(), 0);
    n.prefix = 32;
    return n;
  }
  n.v6 = true;
  n.prefix = 128;
  return n;
}

ProxyTrust::ProxyTrust(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    const std::size_t slash = entry.find('/');
    auto net = parse_address(std::string_view(entry).substr(0, slash));
    if (!net) throw std::invalid_argument("trusted proxy is not an IP address or CIDR range: " + entry);
    if (slash != std::string::npos) {
      const std::string_view bits = std::string_view(entry).substr(slash + 1);
      int prefix = -1;
      const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      if (ec != std::errc{} || end != bits.data() + bits.size() || prefix < 0 || prefix > net->prefix)
        throw std::invalid_argument("trusted proxy has an invalid prefix length: " + entry);
      net->prefix = prefix;
    }
    networks_.push_back(*net);
  }
}

bool ProxyTrust::contains(const Network& address) const {
  for (const Network& net : networks_) {
    if (net.v6 != address.v6) continue;
    int bits = net.prefix;
    std::size_t i = 0;
    for (; bits >= 8; bits -= 8, ++i)
      if (net.bytes[i] != address.bytes[i]) break;
    if (bits >= 8) continue;
    if (bits == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((net.bytes[i] & mask) == (address.bytes[i] & mask)) return true;
  }
  return false;
}

bool ProxyTrust::trusts(std::string_view address) const {
  const auto parsed = parse_address(address);
  return parsed && contains(*parsed);
}

namespace {

std::string to_text(const std::array<std::uint8_t, 16>& bytes, bool v6) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  return buf;
}

}  // namespace

std::string ProxyTrust::client_address(std::string_view peer,
                                       const std::vector<std::string_view>& forwarded_for) const {
  const auto peer_addr = parse_address(peer);
  if (!peer_addr) return std::string(peer);
  Network current = *peer_addr;
  // The peer's own text, from the socket, is already dotted-quad for IPv4: formatting it again
  // (inet_ntop, a sprintf) cost more than the rest of this function on every request.
  if (!contains(current))
    return peer.find(':') == std::string_view::npos ? std::string(peer) : to_text(current.bytes, current.v6);

  // Hops in arrival order: all fields joined, split on ','.
  std::vector<std::string_view> hops;
  for (std::string_view field : forwarded_for) {
    while (!field.empty()) {
      const std::size_t comma = field.find(',');
      hops.push_back(core::trim_ows(field.substr(0, comma)));
      field = comma == std::string_view::npos ? std::string_view{} : field.substr(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    const auto hop = parse_address(*it);
    if (!hop) break;  // garbage written by the client itself: keep the last hop a proxy vouched for
    current = *hop;
    if (!contains(current)) break;
  }
  return to_text(current.bytes, current.v6);
}

}  // namespace authly::http
