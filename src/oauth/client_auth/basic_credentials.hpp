#pragma once
// HTTP Basic client credentials (RFC 6749 §2.3.1, RFC 7617): the client_id and secret are each
// application/x-www-form-urlencoded before being joined with ':' and base64-encoded.
#include <optional>
#include <string>
#include <string_view>

namespace authly::oauth {

struct BasicCredentials {
  std::string client_id;
  std::string secret;
};

// True when the Authorization header value uses the Basic scheme (case-insensitive, RFC 9110 §11.1).
bool is_basic_authorization(std::string_view header) noexcept;

// Decodes "Basic base64(urlencode(id):urlencode(secret))"; nullopt for another scheme, bad base64,
// no ':', a malformed %-escape, an encoded NUL or an empty client_id.
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header);

// application/x-www-form-urlencoded decoding of one value ('+' is a space); nullopt if malformed.
std::optional<std::string> form_urldecode(std::string_view encoded);

}  // namespace authly::oauth
