#include "core/web_origin.hpp"

#include <boost/url/parse.hpp>

#include "core/text.hpp"

namespace authly::core {

std::optional<std::string> web_origin(std::string_view url) {
  auto u = boost::urls::parse_uri(url);
  if (!u || !u->has_authority() || u->encoded_host().empty()) return std::nullopt;
  const std::string scheme = ascii_lower(u->scheme());
  if (scheme != "http" && scheme != "https") return std::nullopt;
  // Appended piece by piece: GCC 12 reports a false -Wrestrict on chained std::string additions.
  std::string origin;
  origin.append(scheme).append("://").append(ascii_lower(u->encoded_host()));
  if (u->has_port() && !u->port().empty()) {
    // The number, as the browser writes it: ":08080" is port 8080.
    const auto port = u->port_number();
    const bool default_port = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
    if (!default_port) origin.append(":").append(std::to_string(port));
  }
  return origin;
}

}  // namespace authly::core
