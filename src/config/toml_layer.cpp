// The TOML file layer: [http], [database] and [password] are tables; anything not in the key table is
// an error, so a typo cannot silently leave a default in place.
#include <toml++/toml.h>

#include <filesystem>

#include "config/key_table.hpp"
#include "config/layers.hpp"

namespace authly::config::detail {
namespace {

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

[[noreturn]] void wrong_type(const std::string& name, const KeyDef& def, const toml::node& node) {
  throw ConfigError(name, "expected " + std::string(kind_name(def.kind)) + ", got " + std::string(type_name(node)));
}

Value to_value(const std::string& name, const KeyDef& def, const toml::node& node) {
  switch (def.kind) {
    case Kind::string:
      if (const auto* s = node.as_string()) return s->get();
      break;
    case Kind::integer:
      if (const auto* i = node.as_integer()) return i->get();
      break;
    case Kind::boolean:
      if (const auto* b = node.as_boolean()) return b->get();
      break;
    case Kind::string_list:
      if (const auto* array = node.as_array()) {
        std::vector<std::string> list;
        for (const auto& element : *array) {
          const auto* s = element.as_string();
          if (!s) wrong_type(name, def, node);
          list.push_back(s->get());
        }
        return list;
      }
      break;
  }
  wrong_type(name, def, node);
}

std::vector<std::string> toml_names() {
  std::vector<std::string> names;
  for (const auto& def : key_table()) names.push_back(def.key);
  for (const char* section : {"http", "database", "audit", "password", "oauth", "session", "login"})
    names.emplace_back(section);
  return names;
}

void apply_table(Config& config, const toml::table& table, const std::string& prefix) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    // A quoted key containing a dot is one key in TOML, never a path into a table.
    const KeyDef* def = key.str().find('.') == std::string_view::npos ? find_key(name) : nullptr;
    if (def) {
      try {
        def->set(config, to_value(name, *def, node));
      } catch (const BadValue& e) {
        throw ConfigError(name, e.what());
      }
      continue;
    }
    if (prefix.empty() && is_section(name)) {
      const auto* sub = node.as_table();
      if (!sub) throw ConfigError(name, "expected a table ([" + name + "]), got " + std::string(type_name(node)));
      apply_table(config, *sub, name);
      continue;
    }
    throw ConfigError(name,
                      std::string(node.is_table() ? "unknown table" : "unknown key") + suggest(name, toml_names()));
  }
}

}  // namespace

void apply_toml_file(Config& config, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw ConfigError(path, "config file not found or not a regular file");
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    throw ConfigError(path, "TOML parse error at line " + std::to_string(begin.line) + ", column " +
                                std::to_string(begin.column) + ": " + std::string(e.description()));
  }
  apply_table(config, root, "");
}

}  // namespace authly::config::detail
