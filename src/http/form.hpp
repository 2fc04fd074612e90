#pragma once
// application/x-www-form-urlencoded bodies and URL query strings (WHATWG URL §5, RFC 3986 §3.4),
// parsed and built with Boost.URL. Names and values are stored decoded, in wire order.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace authly::http {

class FormParams {
 public:
  using Pair = std::pair<std::string, std::string>;

  // Parses "a=1&b=x+y&c". '+' decodes to a space, "%XX" to its byte; a name without '=' has an
  // empty value and empty segments ("a=1&&b=2") are skipped. Fails on a malformed "%" escape, a
  // character that must be percent-encoded, or an encoded NUL; the message gives the offset and
  // never quotes the input (a body may carry secrets).
  static core::Result<FormParams, std::string> parse(std::string_view encoded);

  // First value of `name`. OAuth endpoints check count() first: RFC 6749 §3.1 forbids repeats.
  std::optional<std::string_view> get(std::string_view name) const;
  std::size_t count(std::string_view name) const;
  std::vector<std::string_view> all(std::string_view name) const;
  bool has(std::string_view name) const { return count(name) > 0; }

  std::size_t size() const noexcept { return pairs_.size(); }
  bool empty() const noexcept { return pairs_.empty(); }
  const std::vector<Pair>& pairs() const noexcept { return pairs_; }
  std::vector<Pair>::const_iterator begin() const noexcept { return pairs_.begin(); }
  std::vector<Pair>::const_iterator end() const noexcept { return pairs_.end(); }

 private:
  std::vector<Pair> pairs_;
};

// "k=v&k2=v2" with every byte outside ALPHA / DIGIT / "-._~" percent-encoded and spaces as '+'
// (the form serialisation RFC 6749 Appendix B asks for).
std::string encode_form(const std::vector<std::pair<std::string, std::string>>& pairs);

// Appends encoded pairs to `uri`'s query, keeping any query it already has (RFC 6749 §3.1.2: the
// redirect URI's own query must be retained) and keeping a fragment, if any, after the query.
std::string append_query(std::string_view uri, const std::vector<std::pair<std::string, std::string>>& pairs);

// Strict RFC 3986 percent-decoding ('+' stays '+'); nullopt on a malformed escape or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view encoded);

}  // namespace authly::http
