#pragma once
// RFC 6749 §3.3 scope syntax: space-delimited scope-tokens of %x21 / %x23-5B / %x5D-7E.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace authly::oauth {

// Scope tokens one request or registration may carry, repeats included (docs/security.md,
// "Request limits"). Real clients ask for a handful; the cap bounds the per-token work (hashing,
// registry look-ups at registration) that one request can cause.
inline constexpr std::size_t kMaxScopeTokens = 100;

enum class ScopeSyntax { ok, malformed, too_many_tokens };

bool is_scope_token(std::string_view token) noexcept;
// Splits on single spaces in one pass; empty tokens (double spaces, leading/trailing space) or an
// invalid token are `malformed`, more than kMaxScopeTokens tokens `too_many_tokens` (found before
// the rest is read). Duplicates are removed with a hash set, first occurrence order kept. `out` is
// complete only on `ok`.
ScopeSyntax parse_scope_list(std::string_view scope, std::vector<std::string>& out);
// parse_scope_list(...) == ScopeSyntax::ok.
bool parse_scope(std::string_view scope, std::vector<std::string>& out);
// The tokens of a scope list the server stored itself (a client's registered or a grant's
// scope), for membership tests: split on spaces, no syntax check, no cap.
std::unordered_set<std::string_view> scope_set(std::string_view stored);
std::string join_scope(const std::vector<std::string>& tokens);

}  // namespace authly::oauth
