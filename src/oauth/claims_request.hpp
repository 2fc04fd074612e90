#pragma once
// The OIDC Core §5.5 `claims` request parameter: a JSON object whose optional members "userinfo"
// and "id_token" each name individual claims, with null or {"essential", "value", "values"}.
// Parsed at the authorization endpoint (so a malformed one is refused there) and kept as the
// original JSON on the code and refresh token, then parsed again where claims are released.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "oauth/error.hpp"
#include "oauth/scope_claims.hpp"

namespace authly::oauth {

struct RequestedClaim {
  std::string name;
  bool essential = false;
  std::vector<std::string> values;  // "value" or "values" as strings (acr); empty when not given
};

struct ClaimsRequest {
  std::vector<RequestedClaim> userinfo;
  std::vector<RequestedClaim> id_token;
};

// invalid_request when `json` is not an object, a member is not an object, or a claim's request
// is neither null nor an object with correctly typed essential/value/values. Unknown top-level
// members are ignored (§5.5). Empty input yields an empty request.
core::Result<ClaimsRequest, OAuthError> parse_claims_request(std::string_view json);

// `json` (a claims request parse_claims_request accepts) keeping only the claims named in
// `allowed`, as compact JSON; "" when none is left or `json` does not parse. Each kept claim's
// request is kept as sent; unknown top-level members go. §5.5.1: the OP may leave requested claims
// out without an error, so a claim a client may not ask for is simply dropped.
std::string restrict_claims_request(std::string_view json, const ClaimNames& allowed);
// Drops from `claims` every claim not named in `allowed`.
void restrict_claims(std::vector<RequestedClaim>& claims, const ClaimNames& allowed);

// Every claim name in either member of the claims request `json`, each once, in request order;
// empty when `json` is empty or does not parse.
std::vector<std::string> requested_claim_names(std::string_view json);

}  // namespace authly::oauth
