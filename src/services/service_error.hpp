#pragma once
// What an administrative operation (CLI, admin API) reports back: a kind, the input field at
// fault, and a message safe to show the caller.
#include <string>

namespace authly::services {

struct ServiceError {
  enum class Kind { invalid_input, conflict, not_found };
  Kind kind = Kind::invalid_input;
  std::string field;    // "redirect_uri", "username", ... (empty when not about one field)
  std::string message;  // safe to show; never contains secrets, and never the input itself (a fixed text)
  std::string detail;   // the offending input, for logs and the operator's CLI; never sent over HTTP
};

inline ServiceError invalid(std::string field, std::string message, std::string detail = {}) {
  return {ServiceError::Kind::invalid_input, std::move(field), std::move(message), std::move(detail)};
}
inline ServiceError conflict(std::string field, std::string message) {
  return {ServiceError::Kind::conflict, std::move(field), std::move(message), {}};
}
inline ServiceError not_found(std::string field, std::string message) {
  return {ServiceError::Kind::not_found, std::move(field), std::move(message), {}};
}

}  // namespace authly::services
