#pragma once
// SHA-256 and HMAC-SHA-256 over OpenSSL 3 EVP.
#include <string>
#include <string_view>

namespace authly::crypto {

std::string sha256(std::string_view data);      // 32 raw bytes
std::string sha256_hex(std::string_view data);  // 64 lowercase hex chars: how opaque tokens are stored
std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 raw bytes
std::string to_hex(std::string_view bytes);
// A strong HTTP validator for `body` (RFC 9110 §8.8.3): "<base64url(SHA-256(body))>", quotes
// included. Every instance serving the same bytes gives the same tag.
std::string strong_etag(std::string_view body);

}  // namespace authly::crypto
