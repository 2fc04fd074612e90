#pragma once
// Small text helpers shared by the parsers of several rooms (HTTP fields, cookies, config values).
#include <string>
#include <string_view>

namespace authly::core {

// Strips optional whitespace — spaces and horizontal tabs (RFC 9110 §5.6.3 OWS) — from both ends.
constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ASCII letters folded to lower case, other bytes kept (schemes, hosts, names compared
// case-insensitively without a locale).
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace authly::core
