#include "services/user_profile.hpp"

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

namespace authly::services {
namespace {

constexpr std::array<std::string_view, 10> kProfileText = {"name",   "middle_name", "nickname", "gender",  "zoneinfo",
                                                           "locale", "birthdate",   "profile",  "picture", "website"};
constexpr std::array<std::string_view, 6> kAddress = {"formatted", "street_address", "locality",
                                                      "region",    "postal_code",    "country"};

bool contains(auto const& list, std::string_view s) { return std::find(list.begin(), list.end(), s) != list.end(); }

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool valid_birthdate(std::string_view v) {
  if (v.size() == 4) return digits(v);
  return v.size() == 10 && digits(v.substr(0, 4)) && v[4] == '-' && digits(v.substr(5, 2)) && v[7] == '-' &&
         digits(v.substr(8, 2));
}

bool valid_url(std::string_view v) {
  const auto rest = v.starts_with("https://")  ? v.substr(8)
                    : v.starts_with("http://") ? v.substr(7)
                                               : std::string_view();
  if (rest.empty() || rest.front() == '/') return false;
  return std::none_of(v.begin(), v.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

bool valid_phone(std::string_view v) {
  const auto ext = v.find(";ext=");
  const auto number = v.substr(0, ext);
  if (ext != std::string_view::npos && !digits(v.substr(ext + 5))) return false;
  return number.size() >= 2 && number.front() == '+' && digits(number.substr(1));
}

std::optional<bool> parse_bool(std::string_view v) {
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

}  // namespace

core::Result<store::User, ServiceError> apply_claims(store::User user, const ClaimAssignments& claims) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(user.profile.empty() ? "{}" : user.profile, ec);
  boost::json::object profile = !ec && parsed.is_object() ? parsed.as_object() : boost::json::object{};

  for (const auto& [name, value] : claims) {
    if (value.size() > 512) return core::fail(invalid(name, "value is longer than 512 characters"));
    const bool remove = value.empty();
    if (name == "given_name") {
      user.given_name = value;
    } else if (name == "family_name") {
      user.family_name = value;
    } else if (name == "email_verified") {
      auto b = parse_bool(value);
      if (!b) return core::fail(invalid(name, "must be true or false"));
      user.email_verified = *b;
    } else if (name == "phone_number_verified") {
      if (remove) {
        profile.erase(name);
        continue;
      }
      auto b = parse_bool(value);
      if (!b) return core::fail(invalid(name, "must be true or false"));
      profile[name] = *b;
    } else if (name == "phone_number") {
      if (!remove && !valid_phone(value))
        return core::fail(invalid(name, "must be in E.164 form, e.g. +15551234567 (optionally ;ext=123)"));
      remove ? (void)profile.erase(name) : (void)(profile[name] = value);
    } else if (contains(kProfileText, name)) {
      if (!remove && name == "birthdate" && !valid_birthdate(value))
        return core::fail(invalid(name, "must be YYYY, YYYY-MM-DD or 0000-MM-DD"));
      if (!remove && (name == "profile" || name == "picture" || name == "website") && !valid_url(value))
        return core::fail(invalid(name, "must be an absolute http(s) URL"));
      remove ? (void)profile.erase(name) : (void)(profile[name] = value);
    } else if (name.starts_with("address.") && contains(kAddress, std::string_view(name).substr(8))) {
      const std::string member = name.substr(8);
      auto& address = profile["address"];
      if (!address.is_object()) address = boost::json::object{};
      remove ? (void)address.as_object().erase(member) : (void)(address.as_object()[member] = value);
      if (address.as_object().empty()) profile.erase("address");
    } else {
      return core::fail(invalid(name, "not a standard claim Authly stores (OIDC Core §5.1; address.* for address)"));
    }
  }
  user.profile = boost::json::serialize(profile);
  return user;
}

}  // namespace authly::services
