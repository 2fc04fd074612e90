#include "config/config.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "config/checks.hpp"
#include "config/key_table.hpp"
#include "config/layers.hpp"

extern char** environ;

namespace authly::config {

std::string Config::effective_database_url() const {
  if (!database_url.empty()) return database_url;
  // An absolute path starts with '/', so this reads sqlite:///abs/path: the path is "/abs/path".
  const auto path = (std::filesystem::absolute(data_dir) / "authly.db").lexically_normal();
  return "sqlite://" + path.string();
}

std::string Config::listen_host() const {
  const auto hp = detail::parse_listen(listen);
  return hp ? hp->host : std::string();
}

std::uint16_t Config::listen_port() const {
  const auto hp = detail::parse_listen(listen);
  return hp ? hp->port : 0;
}

std::string Config::metrics_host() const {
  const auto hp = detail::parse_listen(metrics.listen);
  return hp ? hp->host : std::string();
}

std::uint16_t Config::metrics_port() const {
  const auto hp = detail::parse_listen(metrics.listen);
  return hp ? hp->port : 0;
}

Config load(const LoadOptions& options) {
  Config config;
  if (options.config_file) detail::apply_toml_file(config, *options.config_file);
  detail::apply_environment(config, options.environment);
  detail::apply_flags(config, options.flags);
  // A relying party may cache the JWKS for max-age; a key that signed before every cache could have
  // seen it would fail verification there (DESIGN.md §4: published before it signs).
  if (config.keys.publish_lead_s < config.keys.jwks_max_age_s)
    throw ConfigError("keys.publish_lead_s", "must be at least keys.jwks_max_age_s (" +
                                                 std::to_string(config.keys.jwks_max_age_s) +
                                                 "): a new key must be published before caches refresh");
  if (config.metrics_port() != 0 && config.metrics.listen == config.listen)
    throw ConfigError("metrics.listen", "must differ from listen (" + config.listen + "); leave it empty to serve " +
                                            "/metrics on listen");
  return config;
}

std::map<std::string, std::string> authly_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string_view kv(*entry);
    const auto eq = kv.find('=');
    if (eq == std::string_view::npos || !kv.starts_with("AUTHLY_")) continue;
    env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

const std::vector<KeyInfo>& known_keys() {
  static const std::vector<KeyInfo> keys = [] {
    std::vector<KeyInfo> out;
    for (const auto& def : detail::key_table()) out.push_back({def.key, def.description, detail::is_secret(def)});
    return out;
  }();
  return keys;
}

std::string env_name(std::string_view key) {
  std::string name = "AUTHLY_";
  for (const unsigned char c : key) name += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

std::string flag_name(std::string_view key) {
  std::string name = "--";
  for (const char c : key) name += (c == '.' || c == '_') ? '-' : c;
  return name;
}

}  // namespace authly::config
