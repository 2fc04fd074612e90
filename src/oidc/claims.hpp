#pragma once
// OIDC Core §5.1 standard claims and §5.4 scope mapping: which of a user's claims a client gets.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "oauth/claims_request.hpp"
#include "store/models.hpp"

namespace authly::oidc {

// The claims a scope grants (§5.4; the table is oauth/scope_claims.hpp): profile -> name,
// family_name, given_name, middle_name, nickname, preferred_username, profile, picture, website,
// gender, birthdate, zoneinfo, locale, updated_at; email -> email, email_verified; address ->
// address; phone -> phone_number, phone_number_verified. Other scopes grant none.
const std::vector<std::string_view>& claims_for_scope(std::string_view scope);

// Every claim Authly can release, for discovery's claims_supported (includes sub, iss, aud, ...).
const std::vector<std::string_view>& supported_claims();

// The user's claims for `scopes` plus every claim named in `requested` (the claims parameter
// member for this destination). Only claims with a value are included (§5.3.2: absent, never
// null); `sub` is not (the caller adds the client's subject). preferred_username is the username;
// updated_at is seconds since the epoch; email_verified and phone_number_verified are booleans.
boost::json::object user_claims(const store::User& user, const std::vector<std::string>& scopes,
                                const std::vector<oauth::RequestedClaim>& requested);

}  // namespace authly::oidc
