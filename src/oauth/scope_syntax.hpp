#pragma once
// RFC 6749 §3.3 scope syntax: space-delimited scope-tokens of %x21 / %x23-5B / %x5D-7E.
#include <string>
#include <string_view>
#include <vector>

namespace authly::oauth {

bool is_scope_token(std::string_view token) noexcept;
// Splits on single spaces; empty tokens (double spaces, leading/trailing space) make it invalid.
// Returns false on any invalid token. Duplicates are removed, order kept.
bool parse_scope(std::string_view scope, std::vector<std::string>& out);
std::string join_scope(const std::vector<std::string>& tokens);

}  // namespace authly::oauth
