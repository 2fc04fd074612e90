// `authly config keys`: every key of the key table with its environment name, built-in default,
// accepted range and description. docs/operations.md embeds the Markdown form, and a test
// regenerates it, so the operator documentation cannot drift from the table.
#include <limits>
#include <string>

#include "config/key_table.hpp"

namespace authly::config {
namespace {

std::string default_text(const detail::KeyDef& def) {
  const detail::Value value = def.get(Config{});
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  std::string out;
  for (const auto& item : std::get<std::vector<std::string>>(value)) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string range_text(const detail::KeyDef& def) {
  if (def.kind != detail::Kind::integer) return "";
  // The int and uint32 maxima say "no upper bound" rather than a number worth reading.
  if (def.max >= std::numeric_limits<int>::max()) return ">= " + std::to_string(def.min);
  return std::to_string(def.min) + ".." + std::to_string(def.max);
}

std::string environment_text(const detail::KeyDef& def) {
  const std::string name = env_name(def.key);
  return detail::is_secret(def) ? name + " or " + name + "_FILE" : name;
}

// A table cell: '|' would end the cell, so it is escaped (also inside code spans).
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// Prose in a cell: "<data_dir>" would otherwise read as an HTML tag.
std::string prose(std::string_view text) {
  std::string out;
  for (const char c : cell(text)) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string code(std::string_view text) {
  if (text.empty()) return "";
  std::string out(1, '`');
  out += cell(text);
  out += '`';
  return out;
}

}  // namespace

std::string key_reference_markdown() {
  std::string out =
      "| key | environment | default | range | description |\n"
      "|---|---|---|---|---|\n";
  for (const auto& def : detail::key_table()) {
    const bool secret = detail::is_secret(def);
    std::string environment = code(env_name(def.key));
    if (secret) environment += " or " + code(env_name(def.key) + "_FILE");
    out += "| " + code(def.key) + " | " + environment + " | " + code(default_text(def)) + " | " +
           cell(range_text(def)) + " | " + prose(def.description) + (secret ? " (secret)" : "") + " |\n";
  }
  return out;
}

std::string key_reference_text() {
  std::string out;
  for (const auto& def : detail::key_table()) {
    out += def.key + "\n  env:     " + environment_text(def) +
           "\n  default: " + (default_text(def).empty() ? "(empty)" : default_text(def));
    if (const auto range = range_text(def); !range.empty()) out += "\n  range:   " + range;
    out += "\n  " + def.description + "\n";
  }
  return out;
}

}  // namespace authly::config
