#include "oauth/error_description.hpp"

namespace authly::oauth {
namespace {

bool allowed(unsigned char c) { return c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e); }

bool continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

}  // namespace

std::string client_safe_description(std::string_view description) {
  std::string out;
  out.reserve(description.size());
  for (std::size_t i = 0; i < description.size(); ++i) {
    const auto c = static_cast<unsigned char>(description[i]);
    if (allowed(c)) {
      out += static_cast<char>(c);
      continue;
    }
    out += '?';
    // A UTF-8 lead byte and its continuation bytes are one character: one '?' (at most 3 more).
    if (c >= 0xc0)
      for (int n = 0;
           n < 3 && i + 1 < description.size() && continuation(static_cast<unsigned char>(description[i + 1])); ++n)
        ++i;
  }
  return out;
}

}  // namespace authly::oauth
