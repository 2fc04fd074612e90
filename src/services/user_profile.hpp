#pragma once
// The OIDC Core §5.1 standard claims an operator sets on an account (`authly user set-claims`).
// given_name, family_name and email_verified live in their own columns; the others in
// store::User::profile as one JSON object, address members (§5.1.1) under "address".
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "services/service_error.hpp"
#include "store/models.hpp"

namespace authly::services {

// name=value pairs; "address.locality" names an address member; an empty value removes the claim.
using ClaimAssignments = std::vector<std::pair<std::string, std::string>>;

// Applies `claims` to `user` (not stored). invalid_input naming the claim for unknown names or bad
// values: URLs (profile, picture, website) must be absolute http(s); birthdate YYYY, YYYY-MM-DD or
// 0000-MM-DD (§5.1); *_verified true|false; phone_number starts with '+' and holds digits (E.164,
// extensions after ";ext=" allowed); every value at most 512 characters.
core::Result<store::User, ServiceError> apply_claims(store::User user, const ClaimAssignments& claims);

}  // namespace authly::services
