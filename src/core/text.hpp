#pragma once
// Small text helpers shared by the parsers of several rooms (HTTP fields, cookies, config values).
#include <string_view>

namespace authly::core {

// Strips optional whitespace — spaces and horizontal tabs (RFC 9110 §5.6.3 OWS) — from both ends.
constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace authly::core
