#include "oauth/scope_syntax.hpp"

namespace authly::oauth {

bool is_scope_token(std::string_view token) noexcept {
  if (token.empty()) return false;
  for (unsigned char c : token) {
    const bool ok = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    if (!ok) return false;
  }
  return true;
}

ScopeSyntax parse_scope_list(std::string_view scope, std::vector<std::string>& out) {
  out.clear();
  if (scope.empty()) return ScopeSyntax::ok;
  // Views into `scope`, which outlives this call; a linear search here made 100,000 tokens
  // quadratic.
  std::unordered_set<std::string_view> seen;
  std::size_t tokens = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t sp = scope.find(' ', start);
    const std::string_view tok =
        scope.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start);
    if (++tokens > kMaxScopeTokens) return ScopeSyntax::too_many_tokens;
    if (!is_scope_token(tok)) return ScopeSyntax::malformed;
    if (seen.insert(tok).second) out.emplace_back(tok);
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  return ScopeSyntax::ok;
}

bool parse_scope(std::string_view scope, std::vector<std::string>& out) {
  return parse_scope_list(scope, out) == ScopeSyntax::ok;
}

std::unordered_set<std::string_view> scope_set(std::string_view stored) {
  std::unordered_set<std::string_view> out;
  while (!stored.empty()) {
    const std::size_t sp = stored.find(' ');
    if (sp != 0) out.insert(stored.substr(0, sp));
    if (sp == std::string_view::npos) break;
    stored.remove_prefix(sp + 1);
  }
  return out;
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
