#include "web/renderer.hpp"

#include <stdexcept>

#include "web/assets.hpp"

namespace authly::web {
namespace {

std::string load(std::string_view name) {
  auto text = template_text(name);
  if (!text) throw std::logic_error("no page template '" + std::string(name) + "'");
  return std::string(*text);
}

}  // namespace

// Templates are parsed per render: a few microseconds for pages this size, and no shared mutable
// parser state between I/O threads.
std::string Renderer::render(std::string_view template_name, kainjow::mustache::data data) const {
  kainjow::mustache::mustache tmpl(load(template_name));
  if (!tmpl.is_valid())
    throw std::logic_error("page template '" + std::string(template_name) + "': " + tmpl.error_message());
  for (const char* partial : {"_head", "_foot"}) {
    std::string text = load(partial);
    data.set(partial, kainjow::mustache::partial([text] { return text; }));
  }
  return tmpl.render(data);
}

}  // namespace authly::web
