#pragma once
// Value checks for the string keys. Each throws BadValue with a message that says what is expected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace authly::config::detail {

struct HostPort {
  std::string host;  // without brackets: "::1"
  std::uint16_t port = 0;
};
// "host:port" or "[v6]:port", port 0..65535.
std::optional<HostPort> parse_listen(std::string_view text);

void check_issuer(std::string_view issuer);
void check_listen(std::string_view listen);
void check_optional_listen(std::string_view listen);  // empty, or as check_listen
void check_database_url(std::string_view url);
void check_redis_url(std::string_view url);
void check_master_key(std::string_view key);
void check_trusted_proxy(std::string_view entry);
// A web origin as a browser sends it in Origin (RFC 6454 §6.2): http or https, "://", a lower-case
// host, ":port" only when not the scheme's default; no path, query, user info or wildcard.
void check_cors_origin(std::string_view origin);
void check_not_empty(std::string_view value);
void check_signing_alg(std::string_view alg);  // ES256 | RS256 | PS256 | EdDSA

// The URL with the password in its userinfo (and a libpq `password=` parameter) replaced by "<redacted>".
std::string redact_url(std::string_view url);

}  // namespace authly::config::detail
