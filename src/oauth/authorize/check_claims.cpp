#include "oauth/authorize/checks.hpp"
#include "oauth/claims_request.hpp"

namespace authly::oauth::authorize {
namespace {

// The raw JSON is stored on the interaction, the code and the refresh token; a real claims request
// names a few dozen claims at most.
constexpr std::size_t kMaxClaimsLength = 4096;

}  // namespace

// OIDC Core §5.5: a malformed claims parameter is refused here, at the authorization endpoint, so
// that the client learns of it before the user logs in and nothing downstream meets bad JSON.
// A client may ask individually only for claims of the scopes it is registered for (§5.4): the
// claims parameter must not reach further than the scope parameter could. Other claims are
// dropped here (§5.5.1 lets the OP leave requested claims out without an error), so they never
// reach the consent page, the code, the refresh token or the released claims.
std::optional<OAuthError> check_claims(const CheckInput& in, AuthorizationRequest& out) {
  out.claims.clear();
  const auto claims = single(in.params, "claims");
  if (!claims || claims->empty()) return std::nullopt;
  if (claims->size() > kMaxClaimsLength) return redirect_error(ErrorCode::invalid_request, "claims is too long");
  auto parsed = parse_claims_request(*claims);
  if (!parsed) {
    auto e = parsed.error();
    e.code = ErrorCode::invalid_request;
    e.redirectable = true;
    if (e.description.empty()) e.description = "claims is not a valid claims request";
    return e;
  }
  out.claims = restrict_claims_request(*claims, claims_of_scopes(in.client.scope));
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
