#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {
namespace {

// Values that are stored and echoed but never interpreted; the bound keeps the interaction row
// and the redirect URL within what browsers and proxies accept.
constexpr std::size_t kMaxOpaqueLength = 2048;

}  // namespace

std::optional<OAuthError> check_opaque_values(const CheckInput& in, AuthorizationRequest& out) {
  for (auto [name, field] :
       {std::pair{"state", &out.state}, std::pair{"nonce", &out.nonce}, std::pair{"login_hint", &out.login_hint}}) {
    auto value = single(in.params, name);
    if (value && value->size() > kMaxOpaqueLength)
      return redirect_error(ErrorCode::invalid_request, std::string(name) + " is too long");
    *field = value.value_or("");
  }
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
