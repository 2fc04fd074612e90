#pragma once
// application/x-www-form-urlencoded bodies and URL query strings (WHATWG URL §5, RFC 3986 §3.4),
// parsed and built with Boost.URL. Names and values are stored decoded, in wire order.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace authly::http {

// FormParams::parse's error for a body or query with more than kMaxFormParams (http/limits.hpp)
// parameters, so callers can say so; every other parse error is a malformed encoding.
inline constexpr std::string_view kTooManyFormParams = "more than 100 parameters";

// True when a Content-Type header value names application/x-www-form-urlencoded: the media type
// before any parameters (";charset=..."), without surrounding whitespace, compared without case
// (RFC 9110 §8.3.1). "application/x-www-form-urlencodedX" or a missing header is not a form.
bool is_form_urlencoded(std::optional<std::string_view> content_type) noexcept;

class FormParams {
 public:
  using Pair = std::pair<std::string, std::string>;

  // Parses "a=1&b=x+y&c" in one linear pass. '+' decodes to a space, "%XX" to its byte; a name
  // without '=' has an empty value and empty segments ("a=1&&b=2") are skipped. Fails on a
  // malformed "%" escape, a character that must be percent-encoded, an encoded NUL, or more than
  // kMaxFormParams parameters (kTooManyFormParams, found before anything is decoded); the message
  // gives the offset and never quotes the input (a body may carry secrets).
  static core::Result<FormParams, std::string> parse(std::string_view encoded);

  // First value of `name`. OAuth endpoints check first_repeated() first: RFC 6749 §3.1 forbids
  // repeats. get, count and has are hash lookups.
  std::optional<std::string_view> get(std::string_view name) const;
  std::size_t count(std::string_view name) const;
  std::vector<std::string_view> all(std::string_view name) const;
  bool has(std::string_view name) const { return count(name) > 0; }
  // The name whose second occurrence comes first in wire order ("a&b&b&a": "b"); nullopt when no
  // name repeats.
  std::optional<std::string_view> first_repeated() const;

  std::size_t size() const noexcept { return pairs_.size(); }
  bool empty() const noexcept { return pairs_.empty(); }
  const std::vector<Pair>& pairs() const noexcept { return pairs_; }
  std::vector<Pair>::const_iterator begin() const noexcept { return pairs_.begin(); }
  std::vector<Pair>::const_iterator end() const noexcept { return pairs_.end(); }

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Slot {
    std::size_t first = 0;  // index of the first pair with the name
    std::size_t count = 0;
  };
  std::vector<Pair> pairs_;
  // Keyed by owned copies of the names, so copies and moves of FormParams stay valid.
  std::unordered_map<std::string, Slot, NameHash, std::equal_to<>> index_;
  std::optional<std::size_t> first_repeat_;  // index into pairs_ of the first repeated occurrence
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
