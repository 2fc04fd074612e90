#include "oauth/scope_claims.hpp"

namespace authly::oauth {
namespace {

using Names = std::vector<std::string_view>;

const Names kProfile = {"name",    "family_name", "given_name", "middle_name", "nickname",  "preferred_username",
                        "profile", "picture",     "website",    "gender",      "birthdate", "zoneinfo",
                        "locale",  "updated_at"};
const Names kEmail = {"email", "email_verified"};
const Names kAddress = {"address"};
const Names kPhone = {"phone_number", "phone_number_verified"};
const Names kNone = {};

}  // namespace

const std::vector<std::string_view>& claims_for_scope(std::string_view scope) {
  if (scope == "profile") return kProfile;
  if (scope == "email") return kEmail;
  if (scope == "address") return kAddress;
  if (scope == "phone") return kPhone;
  return kNone;
}

ClaimNames claims_of_scopes(std::string_view scope) {
  ClaimNames out;
  while (!scope.empty()) {
    const auto space = scope.find(' ');
    for (auto name : claims_for_scope(scope.substr(0, space))) out.insert(name);
    if (space == std::string_view::npos) break;
    scope.remove_prefix(space + 1);
  }
  return out;
}

const std::vector<std::string_view>& standard_scope_claims() {
  static const Names all = [] {
    Names out;
    for (const auto* scope : {&kProfile, &kEmail, &kAddress, &kPhone})
      out.insert(out.end(), scope->begin(), scope->end());
    return out;
  }();
  return all;
}

}  // namespace authly::oauth
