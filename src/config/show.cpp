// `authly config show`: the effective configuration as TOML that `--config` would accept back,
// except that secrets are redacted.
#include <cstdio>
#include <string>

#include "config/checks.hpp"
#include "config/key_table.hpp"

namespace authly::config {
namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04X", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string format(const detail::KeyDef& def, const Config& config) {
  const detail::Value value = def.get(config);
  if (const auto* s = std::get_if<std::string>(&value)) {
    switch (def.redaction) {
      case detail::Redaction::whole:
        return quote(s->empty() ? "" : "<redacted>");
      case detail::Redaction::url_password:
        return quote(detail::redact_url(*s));
      case detail::Redaction::none:
        return quote(*s);
    }
  }
  if (const auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  std::string out = "[";
  for (const auto& item : std::get<std::vector<std::string>>(value)) out += (out.size() > 1 ? ", " : "") + quote(item);
  return out + "]";
}

}  // namespace

std::string show(const Config& config) {
  std::string out = "# Effective Authly configuration; secrets are redacted.\n";
  std::string section;
  for (const auto& def : detail::key_table()) {
    const auto dot = def.key.find('.');
    const std::string key_section = dot == std::string::npos ? "" : def.key.substr(0, dot);
    if (key_section != section) {
      section = key_section;
      out += "\n[" + section + "]\n";
    }
    out += def.key.substr(dot == std::string::npos ? 0 : dot + 1) + " = " + format(def, config) + "\n";
  }
  return out;
}

}  // namespace authly::config
