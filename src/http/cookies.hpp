#pragma once
// Cookie request header parsing (RFC 6265 §5.4) and Set-Cookie serialisation (RFC 6265 §4.1,
// SameSite per RFC 6265bis). Session and CSRF cookies are built here so their attributes are
// checked in one place.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/headers.hpp"

namespace authly::http {

class Cookies {
 public:
  using Pair = std::pair<std::string, std::string>;

  // "a=1; b=2" (spaces around ';' and '=' tolerated). Pieces without '=' or with an empty name are
  // ignored; a repeated name keeps its first value (the user agent lists the most specific first).
  // Values are returned as sent, surrounding double quotes included. Linear: repeats are found by
  // hashing, and reading stops after kMaxCookies (http/limits.hpp) pieces — the server refuses
  // requests with more (count_cookies) before any endpoint parses them.
  static Cookies parse(std::string_view cookie_header);
  // All Cookie fields of a request, in order.
  static Cookies from_headers(const Headers& headers);

  std::optional<std::string_view> get(std::string_view name) const;
  std::size_t size() const noexcept { return pairs_.size(); }
  const std::vector<Pair>& pairs() const noexcept { return pairs_; }

 private:
  void read(std::string_view cookie_header, std::size_t& pieces);
  void add(std::string_view name, std::string_view value);
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Pair> pairs_;
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;  // name -> index in pairs_
};

// The cookies a request carries over all its Cookie fields, counted as parse() would read them
// (name=value pieces, repeats included); the server answers 400 above kMaxCookies.
std::size_t count_cookies(const Headers& headers);

enum class SameSite { lax, strict, none };

struct SetCookie {
  std::string name;
  std::string value;
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age;
  std::optional<std::chrono::system_clock::time_point> expires;
  bool http_only = true;
  bool secure = false;
  SameSite same_site = SameSite::lax;

  // The Set-Cookie field value. Throws std::invalid_argument for a name that is not an RFC 9110
  // token, a value outside cookie-octet (RFC 6265 §4.1.1), a Path with ';' or control characters,
  // a negative Max-Age, SameSite=None without Secure, or a "__Secure-"/"__Host-" name whose prefix
  // rules are not met.
  std::string to_header_value() const;

  // A cookie that tells the user agent to drop `name` (Max-Age=0 and an Expires in the past).
  static SetCookie expired(std::string name, std::string path = "/");
};

// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT": Expires and Date fields.
std::string format_http_date(std::chrono::system_clock::time_point t);

}  // namespace authly::http
