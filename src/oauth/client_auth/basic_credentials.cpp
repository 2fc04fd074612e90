#include "oauth/client_auth/basic_credentials.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>

#include "core/base64url.hpp"
#include "core/text.hpp"

namespace authly::oauth {
namespace {

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool is_basic_authorization(std::string_view header) noexcept {
  header = core::trim_ows(header);
  return header.size() >= 5 && iequals_ascii(header.substr(0, 5), "basic") && (header.size() == 5 || header[5] == ' ');
}

std::optional<std::string> form_urldecode(std::string_view encoded) {
  auto pct = boost::urls::make_pct_string_view(encoded);
  if (!pct) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  std::string out = pct->decode(opts);
  if (out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

std::optional<BasicCredentials> parse_basic_authorization(std::string_view header) {
  if (!is_basic_authorization(header)) return std::nullopt;
  auto decoded = core::base64_decode(core::trim_ows(core::trim_ows(header).substr(5)));
  if (!decoded) return std::nullopt;
  // The client_id cannot contain ':' once encoded (RFC 6749 §2.3.1), so the first one separates.
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto id = form_urldecode(std::string_view(*decoded).substr(0, colon));
  auto secret = form_urldecode(std::string_view(*decoded).substr(colon + 1));
  if (!id || !secret || id->empty()) return std::nullopt;
  return BasicCredentials{std::move(*id), std::move(*secret)};
}

}  // namespace authly::oauth
