#pragma once
// RFC 4648 §5 base64url without padding (the JOSE and PKCE encoding), and standard base64 for
// HTTP Basic credentials (RFC 7617).
#include <optional>
#include <string>
#include <string_view>

namespace authly::core {

std::string base64url_encode(std::string_view bytes);
// Rejects padding, characters outside the alphabet and non-canonical trailing bits.
std::optional<std::string> base64url_decode(std::string_view text);

std::string base64_encode(std::string_view bytes);
// Accepts standard base64 with or without '=' padding; rejects anything else.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace authly::core
