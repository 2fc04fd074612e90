#include "oauth/scope_syntax.hpp"

#include <algorithm>

namespace authly::oauth {

bool is_scope_token(std::string_view token) noexcept {
  if (token.empty()) return false;
  for (unsigned char c : token) {
    const bool ok = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    if (!ok) return false;
  }
  return true;
}

bool parse_scope(std::string_view scope, std::vector<std::string>& out) {
  out.clear();
  if (scope.empty()) return true;
  std::size_t start = 0;
  while (true) {
    const std::size_t sp = scope.find(' ', start);
    std::string_view tok = scope.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start);
    if (!is_scope_token(tok)) return false;
    if (std::find(out.begin(), out.end(), tok) == out.end()) out.emplace_back(tok);
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  return true;
}

std::string join_scope(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

}  // namespace authly::oauth
