#pragma once
// The three user-facing layers over the defaults. Each throws ConfigError naming the key as the user
// wrote it at that layer ("http.max_body_bytes", "AUTHLY_HTTP_MAX_BODY_BYTES", "--http-max-body-bytes").
#include <map>
#include <string>

#include "config/config.hpp"

namespace authly::config::detail {

void apply_toml_file(Config& config, const std::string& path);
void apply_environment(Config& config, const std::map<std::string, std::string>& environment);
void apply_flags(Config& config, const std::map<std::string, std::string>& flags);

}  // namespace authly::config::detail
