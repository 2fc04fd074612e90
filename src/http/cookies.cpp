#include "http/cookies.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "core/text.hpp"
#include "http/limits.hpp"

namespace authly::http {
namespace {

// RFC 9110 §5.6.2 tchar.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 6265 §4.1.1 cookie-octet: visible ASCII except DQUOTE, ',', ';' and '\'.
bool is_cookie_octet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

bool is_valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!is_token_char(c)) return false;
  return true;
}

bool is_valid_value(std::string_view value) {
  // A value may be wrapped in one pair of double quotes.
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  for (char c : value)
    if (!is_cookie_octet(c)) return false;
  return true;
}

bool is_valid_path(std::string_view path) {
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == ';') return false;
  }
  return true;
}

std::string_view same_site_name(SameSite s) {
  switch (s) {
    case SameSite::strict:
      return "Strict";
    case SameSite::none:
      return "None";
    case SameSite::lax:
      break;
  }
  return "Lax";
}

// Calls fn(name, value) for each name=value piece of one Cookie field, in order, until it returns
// false.
template <class Fn>
void for_each_piece(std::string_view header, Fn&& fn) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    const std::string_view piece = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    if (!fn(core::trim_ows(piece.substr(0, eq)), core::trim_ows(piece.substr(eq + 1)))) return;
  }
}

}  // namespace

void Cookies::read(std::string_view header, std::size_t& pieces) {
  for_each_piece(header, [&](std::string_view name, std::string_view value) {
    if (++pieces > kMaxCookies) return false;
    add(name, value);
    return true;
  });
}

Cookies Cookies::parse(std::string_view header) {
  Cookies out;
  std::size_t pieces = 0;
  out.read(header, pieces);
  return out;
}

Cookies Cookies::from_headers(const Headers& headers) {
  Cookies out;
  std::size_t pieces = 0;
  for (const auto& [name, value] : headers.fields())
    if (iequals(name, "Cookie")) out.read(value, pieces);
  return out;
}

std::size_t count_cookies(const Headers& headers) {
  std::size_t pieces = 0;
  for (const auto& [name, value] : headers.fields())
    if (iequals(name, "Cookie"))
      for_each_piece(value, [&](std::string_view, std::string_view) {
        ++pieces;
        return true;
      });
  return pieces;
}

void Cookies::add(std::string_view name, std::string_view value) {
  if (name.empty() || !index_.try_emplace(std::string(name), pairs_.size()).second) return;
  pairs_.emplace_back(std::string(name), std::string(value));
}

std::optional<std::string_view> Cookies::get(std::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return std::string_view(pairs_[it->second].second);
}

std::string SetCookie::to_header_value() const {
  if (!is_valid_name(name)) throw std::invalid_argument("cookie name is not an RFC 9110 token");
  if (!is_valid_value(value)) throw std::invalid_argument("cookie value contains a character outside cookie-octet");
  if (!is_valid_path(path)) throw std::invalid_argument("cookie Path contains ';' or a control character");
  if (max_age && max_age->count() < 0) throw std::invalid_argument("cookie Max-Age is negative");
  // Browsers drop SameSite=None cookies that are not Secure; fail loudly instead.
  if (same_site == SameSite::none && !secure) throw std::invalid_argument("SameSite=None requires Secure");
  // Cookie prefixes (RFC 6265bis §4.1.3): browsers reject cookies that break them.
  if (name.starts_with("__Secure-") && !secure) throw std::invalid_argument("__Secure- cookie requires Secure");
  if (name.starts_with("__Host-") && (!secure || path != "/"))
    throw std::invalid_argument("__Host- cookie requires Secure and Path=/");

  std::string out = name + "=" + value;
  if (!path.empty()) out += "; Path=" + path;
  if (max_age) out += "; Max-Age=" + std::to_string(max_age->count());
  if (expires) out += "; Expires=" + format_http_date(*expires);
  if (secure) out += "; Secure";
  if (http_only) out += "; HttpOnly";
  out += "; SameSite=";
  out += same_site_name(same_site);
  return out;
}

SetCookie SetCookie::expired(std::string name, std::string path) {
  SetCookie c;
  c.name = std::move(name);
  c.path = std::move(path);
  c.max_age = std::chrono::seconds(0);
  c.expires = std::chrono::system_clock::time_point{};  // 1 Jan 1970
  return c;
}

std::string format_http_date(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  // strftime's %a/%b follow the locale; IMF-fixdate needs the English names.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace authly::http
