#include "http/same_origin.hpp"

#include "core/text.hpp"

namespace authly::http {
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
