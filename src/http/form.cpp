#include "http/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/headers.hpp"
#include "http/limits.hpp"

namespace authly::http {

bool is_form_urlencoded(std::optional<std::string_view> content_type) noexcept {
  if (!content_type) return false;
  auto media = content_type->substr(0, content_type->find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  return iequals(media, "application/x-www-form-urlencoded");
}

static_assert(kMaxFormParams == 100, "kTooManyFormParams names the cap");

namespace {

bool is_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 §3.4 query characters (pchar / "/" / "?"), which also covers '&' and '='.
bool is_query_char(char c) noexcept {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  // unreserved punctuation, sub-delims, then ":" "@" "/" "?"
  return std::string_view("-._~!$&'()*+,;=:@/?").find(c) != std::string_view::npos;
}

// Boost.URL would reject the same inputs; this pass exists to say why and where, without quoting.
std::optional<std::string> find_encoding_error(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
        return "malformed percent-encoding at offset " + std::to_string(i);
      if (s[i + 1] == '0' && s[i + 2] == '0') return "encoded NUL (%00) at offset " + std::to_string(i);
      i += 2;
    } else if (!is_query_char(s[i])) {
      return "character at offset " + std::to_string(i) + " must be percent-encoded";
    }
  }
  return std::nullopt;
}

}  // namespace

core::Result<FormParams, std::string> FormParams::parse(std::string_view encoded) {
  if (auto problem = find_encoding_error(encoded)) return core::fail(std::move(*problem));
  // Count before decoding anything: a 1 MB body holds 200,000 parameters, and refusing it must
  // cost no more than one scan.
  std::size_t params_seen = 0;
  for (std::size_t start = 0; start <= encoded.size();) {
    std::size_t amp = encoded.find('&', start);
    if (amp == std::string_view::npos) amp = encoded.size();
    if (amp > start && ++params_seen > kMaxFormParams) return core::fail(std::string(kTooManyFormParams));
    start = amp + 1;
  }
  // Boost.URL 1.81's parse_query measures its input with strlen() (it passes s.data() where a
  // string_view is expected): a view that does not end in a NUL is read past its end, a null one
  // crashes. Its input is therefore a terminated copy (a raw NUL was refused above).
  const std::string terminated(encoded);
  auto params = boost::urls::parse_query(terminated);
  if (!params) return core::fail(std::string("malformed form encoding"));

  boost::urls::encoding_opts form_opts;
  form_opts.space_as_plus = true;
  FormParams out;
  out.pairs_.reserve(params_seen);
  out.index_.reserve(params_seen);
  for (auto p : *params) {
    if (p.key.empty() && !p.has_value) continue;  // "a&&b": an empty segment, not a parameter
    out.pairs_.emplace_back(p.key.decode(form_opts), p.has_value ? p.value.decode(form_opts) : std::string());
    const std::size_t at = out.pairs_.size() - 1;
    auto [slot, inserted] = out.index_.try_emplace(out.pairs_.back().first, Slot{at, 0});
    if (++slot->second.count == 2 && !out.first_repeat_) out.first_repeat_ = at;
  }
  return out;
}

std::optional<std::string_view> FormParams::get(std::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return std::string_view(pairs_[it->second.first].second);
}

std::size_t FormParams::count(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? 0 : it->second.count;
}

std::vector<std::string_view> FormParams::all(std::string_view name) const {
  std::vector<std::string_view> out;
  auto it = index_.find(name);
  if (it == index_.end()) return out;
  out.reserve(it->second.count);
  for (std::size_t i = it->second.first; i < pairs_.size() && out.size() < it->second.count; ++i)
    if (pairs_[i].first == name) out.emplace_back(pairs_[i].second);
  return out;
}

std::optional<std::string_view> FormParams::first_repeated() const {
  if (!first_repeat_) return std::nullopt;
  return std::string_view(pairs_[*first_repeat_].first);
}

std::string encode_form(const std::vector<std::pair<std::string, std::string>>& pairs) {
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out += '&';
    out += boost::urls::encode(k, boost::urls::unreserved_chars, opts);
    out += '=';
    out += boost::urls::encode(v, boost::urls::unreserved_chars, opts);
  }
  return out;
}

std::string append_query(std::string_view uri, const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (pairs.empty()) return std::string(uri);
  const std::size_t hash = uri.find('#');
  const std::string_view before = uri.substr(0, hash);
  const std::string_view fragment = hash == std::string_view::npos ? std::string_view{} : uri.substr(hash);

  std::string out(before);
  const std::size_t q = before.find('?');
  if (q == std::string_view::npos)
    out += '?';
  else if (q + 1 < before.size() && before.back() != '&')
    out += '&';
  out += encode_form(pairs);
  out += fragment;
  return out;
}

std::optional<std::string> percent_decode(std::string_view encoded) {
  auto pct = boost::urls::make_pct_string_view(encoded);
  if (!pct) return std::nullopt;
  std::string out = pct->decode();
  if (out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

}  // namespace authly::http
