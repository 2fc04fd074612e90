#include "http/same_origin.hpp"

#include <boost/url/parse.hpp>

#include "core/text.hpp"

namespace authly::http {
std::string origin_of(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) return {};
  const std::string scheme = core::ascii_lower(parsed->scheme());
  std::string out = scheme + "://" + core::ascii_lower(parsed->encoded_host());
  if (parsed->has_port()) {
    const std::string_view port = parsed->port();
    const bool default_port = (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
    if (!port.empty() && !default_port) out.append(":").append(port);
  }
  return out;
}

bool is_same_origin_request(const Request& req, std::string_view origin) {
  if (req.headers.count("Sec-Fetch-Site") > 1 || req.headers.count("Origin") > 1) return false;
  // Fetch Metadata first: the browser computes it against the URL it actually requested, so it
  // also holds behind a proxy that rewrites the Host.
  if (auto site = req.header("Sec-Fetch-Site")) {
    const auto value = core::trim_ows(*site);
    return value == "same-origin" || value == "none";
  }
  if (auto sent = req.header("Origin")) return !origin.empty() && iequals(core::trim_ows(*sent), origin);
  return false;
}

}  // namespace authly::http
