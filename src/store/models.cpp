#include "store/models.hpp"

namespace authly::store {

// The strings are the ones stored in SQL and used in client metadata (RFC 7591 has no client
// type field; "public"/"confidential" are RFC 6749 §2.1's words).
std::string_view to_string(ClientType t) noexcept {
  switch (t) {
    case ClientType::confidential:
      return "confidential";
    case ClientType::public_:
      return "public";
  }
  return "confidential";
}

std::optional<ClientType> client_type_from_string(std::string_view s) noexcept {
  if (s == "confidential") return ClientType::confidential;
  if (s == "public") return ClientType::public_;
  return std::nullopt;
}

std::string_view to_string(KeyState s) noexcept {
  switch (s) {
    case KeyState::next:
      return "next";
    case KeyState::active:
      return "active";
    case KeyState::retired:
      return "retired";
  }
  return "retired";
}

std::optional<KeyState> key_state_from_string(std::string_view s) noexcept {
  if (s == "next") return KeyState::next;
  if (s == "active") return KeyState::active;
  if (s == "retired") return KeyState::retired;
  return std::nullopt;
}

}  // namespace authly::store
