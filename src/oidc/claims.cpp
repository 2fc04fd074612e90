#include "oidc/claims.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "oauth/scope_claims.hpp"

namespace authly::oidc {
namespace {

using Names = std::vector<std::string_view>;

// The §5.1 claims kept in User::profile as strings.
constexpr std::string_view kProfileStrings[] = {"name",     "middle_name", "nickname",    "profile",
                                                "picture",  "website",     "gender",      "birthdate",
                                                "zoneinfo", "locale",      "phone_number"};

bool is_profile_string(std::string_view name) {
  return std::find(std::begin(kProfileStrings), std::end(kProfileStrings), name) != std::end(kProfileStrings);
}

// A profile that is not a JSON object releases nothing from it rather than failing the request:
// the columns of the user row still answer.
boost::json::object parse_profile(const std::string& profile) {
  boost::system::error_code ec;
  auto v = boost::json::parse(profile, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.get_object());
}

class ClaimSource {
 public:
  explicit ClaimSource(const store::User& user) : user_(user), profile_(parse_profile(user.profile)) {}

  // Adds `name` to `out` when the user has a value for it (§5.3.2: absent claims are omitted, never null).
  void add(std::string_view name, boost::json::object& out) const {
    if (out.contains(name)) return;
    if (name == "name") {
      if (auto v = profile_string("name"); !v.empty()) {
        out[name] = v;
      } else {
        std::string full = user_.given_name;
        if (!full.empty() && !user_.family_name.empty()) full += ' ';
        full += user_.family_name;
        if (!full.empty()) out[name] = full;
      }
    } else if (name == "given_name") {
      if (!user_.given_name.empty()) out[name] = user_.given_name;
    } else if (name == "family_name") {
      if (!user_.family_name.empty()) out[name] = user_.family_name;
    } else if (name == "preferred_username") {
      if (!user_.username.empty()) out[name] = user_.username;
    } else if (name == "updated_at") {
      if (user_.updated_at != core::TimePoint{}) out[name] = core::to_unix(user_.updated_at);
    } else if (name == "email") {
      if (!user_.email.empty()) out[name] = user_.email;
    } else if (name == "email_verified") {
      if (!user_.email.empty()) out[name] = user_.email_verified;
    } else if (name == "phone_number_verified") {
      // Meaningful only next to a number; an unset flag means not verified (§5.1).
      if (!profile_string("phone_number").empty()) {
        auto it = profile_.find("phone_number_verified");
        out[name] = it != profile_.end() && it->value().is_bool() && it->value().get_bool();
      }
    } else if (name == "address") {
      auto it = profile_.find("address");
      if (it != profile_.end() && it->value().is_object() && !it->value().get_object().empty()) out[name] = it->value();
    } else if (is_profile_string(name)) {
      if (auto v = profile_string(name); !v.empty()) out[name] = v;
    }
  }

 private:
  std::string profile_string(std::string_view name) const {
    auto it = profile_.find(name);
    if (it == profile_.end() || !it->value().is_string()) return {};
    return std::string(it->value().get_string());
  }

  const store::User& user_;
  boost::json::object profile_;
};

}  // namespace

const std::vector<std::string_view>& claims_for_scope(std::string_view scope) { return oauth::claims_for_scope(scope); }

const std::vector<std::string_view>& supported_claims() {
  static const Names all = [] {
    Names out = {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "sid", "at_hash"};
    const auto& standard = oauth::standard_scope_claims();
    out.insert(out.end(), standard.begin(), standard.end());
    return out;
  }();
  return all;
}

boost::json::object user_claims(const store::User& user, const std::vector<std::string>& scopes,
                                const std::vector<oauth::RequestedClaim>& requested) {
  const ClaimSource source(user);
  boost::json::object out;
  for (const auto& scope : scopes)
    for (auto name : claims_for_scope(scope)) source.add(name, out);
  // §5.5: individually requested claims; names that are not user claims (sub, acr, unknown ones)
  // are left to the caller or ignored.
  for (const auto& claim : requested) source.add(claim.name, out);
  return out;
}

}  // namespace authly::oidc
