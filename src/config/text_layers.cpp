// The environment and flag layers: both carry strings that are parsed into each key's type.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "config/key_table.hpp"
#include "config/layers.hpp"

namespace authly::config::detail {
namespace {

constexpr std::string_view kPrefix = "AUTHLY_";
constexpr std::string_view kFileSuffix = "_FILE";

const KeyDef* find_env(std::string_view name) {
  for (const auto& def : key_table()) {
    if (env_name(def.key) == name) return &def;
  }
  return nullptr;
}

std::vector<std::string> env_names() {
  std::vector<std::string> names;
  for (const auto& def : key_table()) {
    names.push_back(env_name(def.key));
    if (is_secret(def)) names.push_back(env_name(def.key) + std::string(kFileSuffix));
  }
  return names;
}

void set_from_text(Config& config, const KeyDef& def, std::string_view text, const std::string& name) {
  try {
    def.set(config, parse_text(def, text));
  } catch (const BadValue& e) {
    throw ConfigError(name, e.what());
  }
}

// File-mounted secrets (Kubernetes, Docker, Vault Agent) end with a newline the secret does not contain.
std::string read_secret_file(const std::string& variable, const std::string& path) {
  const auto fail = [&](int error) {
    return ConfigError(variable, "cannot read '" + path + "': " + std::strerror(error));
  };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw fail(errno);
  std::string content;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) content.append(buffer, n);
  if (std::ferror(file.get())) throw fail(errno);
  if (content.ends_with('\n')) content.pop_back();
  if (content.ends_with('\r')) content.pop_back();
  return content;
}

}  // namespace

void apply_environment(Config& config, const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (!name.starts_with(kPrefix)) continue;
    if (const KeyDef* def = find_env(name)) {
      if (is_secret(*def) && environment.contains(name + std::string(kFileSuffix))) {
        throw ConfigError(name, "both " + name + " and " + name + std::string(kFileSuffix) + " are set; set only one");
      }
      set_from_text(config, *def, value, name);
      continue;
    }
    if (name.ends_with(kFileSuffix)) {
      const auto base = name.substr(0, name.size() - kFileSuffix.size());
      if (const KeyDef* def = find_env(base)) {
        if (!is_secret(*def)) {
          throw ConfigError(name, "unknown environment variable: only secrets may be read from a file, set " + base);
        }
        set_from_text(config, *def, read_secret_file(name, value), name);
        continue;
      }
    }
    throw ConfigError(name, "unknown environment variable" + suggest(name, env_names()));
  }
}

void apply_flags(Config& config, const std::map<std::string, std::string>& flags) {
  for (const auto& [key, value] : flags) {
    const KeyDef* def = find_key(key);
    if (!def) {
      std::vector<std::string> names;
      for (const auto& known : key_table()) names.push_back(flag_name(known.key));
      const auto name = flag_name(key);
      throw ConfigError(name, "unknown flag" + suggest(name, names));
    }
    set_from_text(config, *def, value, flag_name(key));
  }
}

}  // namespace authly::config::detail
