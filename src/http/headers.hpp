#pragma once
// HTTP header list: order-preserving, names compared case-insensitively (RFC 9110 §5.1).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::http {

bool iequals(std::string_view a, std::string_view b) noexcept;

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // First value of a field, if present.
  std::optional<std::string_view> get(std::string_view name) const;
  // Number of times a field occurs (duplicate Authorization headers are an error, for example).
  std::size_t count(std::string_view name) const;
  void add(std::string name, std::string value);
  // Replaces every occurrence of the field with one value.
  void set(std::string name, std::string value);
  void remove(std::string_view name);

  const std::vector<Field>& fields() const noexcept { return fields_; }

 private:
  std::vector<Field> fields_;
};

}  // namespace authly::http
