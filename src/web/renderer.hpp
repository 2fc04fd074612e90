#pragma once
// Renders the embedded mustache templates (kainjow mustache). Variables are HTML-escaped by
// default ({{x}}); triple mustaches are reserved for text the server itself wrote. Partials
// ({{>_head}}) are looked up among the embedded templates.
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

namespace authly::web {

class Renderer {
 public:
  // Throws std::logic_error for an unknown template or one that does not parse (a build defect,
  // caught by the tests).
  std::string render(std::string_view template_name, kainjow::mustache::data data) const;
};

}  // namespace authly::web
