#pragma once
// Page templates and static files compiled into the binary (embed_assets.cmake).
#include <optional>
#include <string_view>

namespace authly::web {

// A mustache template by name without extension ("login", "_head").
std::optional<std::string_view> template_text(std::string_view name);
// A file of src/web/static by file name ("authly.css").
std::optional<std::string_view> static_file(std::string_view name);

}  // namespace authly::web
