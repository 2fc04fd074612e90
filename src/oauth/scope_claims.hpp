#pragma once
// OIDC Core §5.4: the standard claims each scope asks for. The table sits in oauth/ because the
// authorization policy needs it (which claims a client may request individually, which claims a
// consent covers) and oauth/ must not depend on oidc/; oidc/claims.hpp releases claims by it.
#include <string_view>
#include <unordered_set>
#include <vector>

namespace authly::oauth {

using ClaimNames = std::unordered_set<std::string_view>;

// profile -> name, family_name, given_name, middle_name, nickname, preferred_username, profile,
// picture, website, gender, birthdate, zoneinfo, locale, updated_at; email -> email,
// email_verified; address -> address; phone -> phone_number, phone_number_verified. Other
// scopes ask for none.
const std::vector<std::string_view>& claims_for_scope(std::string_view scope);

// The claims of every scope in the space-separated `scope` (§5.4). Views into static storage.
ClaimNames claims_of_scopes(std::string_view scope);

// Every claim of every standard scope, in table order.
const std::vector<std::string_view>& standard_scope_claims();

}  // namespace authly::oauth
