#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// Values that are stored and echoed but never interpreted. Their caps (checks.hpp) keep the
// interaction row an anonymous request writes, and the redirect URL, small.
std::optional<OAuthError> check_opaque_values(const CheckInput& in, AuthorizationRequest& out) {
  struct Opaque {
    const char* name;
    std::size_t max_bytes;
    std::string* field;
    const char* too_long;  // a fixed text: the value itself is request input
  };
  for (const Opaque& o : {Opaque{"state", kMaxStateBytes, &out.state, "state is too long"},
                          Opaque{"nonce", kMaxNonceBytes, &out.nonce, "nonce is too long"},
                          Opaque{"login_hint", kMaxLoginHintBytes, &out.login_hint, "login_hint is too long"}}) {
    auto value = single(in.params, o.name);
    if (value && value->size() > o.max_bytes)
      return OAuthError{ErrorCode::invalid_request, o.too_long, std::to_string(value->size()) + " bytes", true};
    *o.field = value.value_or("");
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
