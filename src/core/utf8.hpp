#pragma once
// Decoding one UTF-8 sequence, strictly (RFC 3629 §4): for code that must look at code points in
// untrusted text, such as log escaping and the text shown on Authly's pages.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authly::core {

// The sequence at s[i]: its length with its code point in `cp`, or 0 when it is not well-formed
// (truncated, overlong, a surrogate, above U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp);

}  // namespace authly::core
