#pragma once
// The table behind every layer: one row per canonical key with its type, validator and accessor, so
// the TOML, environment and flag layers, show() and known_keys() cannot disagree about a key.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.hpp"

namespace authly::config::detail {

enum class Kind { string, integer, boolean, string_list };
enum class Redaction { none, whole, url_password };
using Value = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

// A value of the right type outside its domain. The layer that read it adds the name the user wrote.
class BadValue : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KeyDef {
  std::string key;  // canonical: "issuer", "http.max_body_bytes"
  std::string description;
  Kind kind = Kind::string;
  Redaction redaction = Redaction::none;
  std::function<void(Config&, const Value&)> set;  // validates, then stores; throws BadValue
  std::function<Value(const Config&)> get;
  std::int64_t min = 0;  // integers: the accepted range, for `authly config keys`
  std::int64_t max = 0;
};

const std::vector<KeyDef>& key_table();
const KeyDef* find_key(std::string_view key);
bool is_section(std::string_view name);  // "http", "database", "password"
bool is_secret(const KeyDef& def);

// An environment or flag string converted to the row's kind; throws BadValue.
Value parse_text(const KeyDef& def, std::string_view text);
std::string_view kind_name(Kind kind);

// " (did you mean 'x'?)" for the nearest candidate within edit distance 2, else "".
std::string suggest(std::string_view unknown, const std::vector<std::string>& candidates);

}  // namespace authly::config::detail
