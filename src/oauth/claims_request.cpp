#include "oauth/claims_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <unordered_set>

namespace authly::oauth {
namespace {

// The description names only fixed text: claim names come from the client and may hold characters
// RFC 6749 §5.2 does not allow in error_description; they go to the log-only detail.
OAuthError malformed(std::string description, std::string detail = {}) {
  return make_error(ErrorCode::invalid_request, std::move(description), std::move(detail));
}

// "value"/"values" hold claim values of the claim's own type (§5.5.1); Authly only compares them
// as text (acr), so scalars are kept as their JSON text and anything structured is refused.
bool scalar_text(const boost::json::value& v, std::string& out) {
  if (v.is_string()) {
    out = std::string(v.get_string());
    return true;
  }
  if (v.is_bool() || v.is_number()) {
    out = boost::json::serialize(v);
    return true;
  }
  return false;
}

core::Result<std::vector<RequestedClaim>, OAuthError> parse_member(const boost::json::value& member,
                                                                   std::string_view name) {
  if (!member.is_object()) return core::fail(malformed("claims." + std::string(name) + " must be a JSON object"));
  std::vector<RequestedClaim> out;
  for (const auto& [key, request] : member.get_object()) {
    RequestedClaim claim;
    claim.name = std::string(key);
    if (claim.name.empty()) return core::fail(malformed("claim names in claims must not be empty"));
    const std::string where = "claims." + std::string(name) + " members";
    const std::string detail = "claim " + claim.name;
    if (request.is_null()) {
      out.push_back(std::move(claim));
      continue;
    }
    if (!request.is_object()) return core::fail(malformed(where + " must be null or JSON objects", detail));
    const auto& o = request.get_object();
    // §5.5.1: other members are ignored when not understood.
    if (auto it = o.find("essential"); it != o.end()) {
      if (!it->value().is_bool()) return core::fail(malformed("essential in claims must be a boolean", detail));
      claim.essential = it->value().get_bool();
    }
    const auto value = o.find("value");
    const auto values = o.find("values");
    if (value != o.end()) {
      std::string text;
      if (!scalar_text(value->value(), text))
        return core::fail(malformed("value in claims must be a string, number or boolean", detail));
      claim.values.push_back(std::move(text));
    }
    if (values != o.end()) {
      if (!values->value().is_array()) return core::fail(malformed("values in claims must be an array", detail));
      for (const auto& v : values->value().get_array()) {
        std::string text;
        if (!scalar_text(v, text))
          return core::fail(malformed("values in claims must hold strings, numbers or booleans", detail));
        claim.values.push_back(std::move(text));
      }
    }
    out.push_back(std::move(claim));
  }
  return out;
}

}  // namespace

core::Result<ClaimsRequest, OAuthError> parse_claims_request(std::string_view json) {
  ClaimsRequest out;
  if (json.empty()) return out;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec) return core::fail(make_error(ErrorCode::invalid_request, "claims is not valid JSON", ec.message()));
  if (!parsed.is_object()) return core::fail(malformed("claims must be a JSON object"));
  const auto& o = parsed.get_object();
  if (auto it = o.find("userinfo"); it != o.end()) {
    auto member = parse_member(it->value(), "userinfo");
    if (!member) return core::fail(std::move(member).error());
    out.userinfo = std::move(*member);
  }
  if (auto it = o.find("id_token"); it != o.end()) {
    auto member = parse_member(it->value(), "id_token");
    if (!member) return core::fail(std::move(member).error());
    out.id_token = std::move(*member);
  }
  return out;
}

std::string restrict_claims_request(std::string_view json, const ClaimNames& allowed) {
  if (json.empty()) return {};
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) return {};
  boost::json::object out;
  for (const std::string_view member : {"userinfo", "id_token"}) {
    const auto* requested = parsed.get_object().if_contains(member);
    if (!requested || !requested->is_object()) continue;
    boost::json::object kept;
    for (const auto& [name, request] : requested->get_object())
      if (allowed.contains(std::string_view(name))) kept[name] = request;
    if (!kept.empty()) out[member] = std::move(kept);
  }
  return out.empty() ? std::string() : boost::json::serialize(out);
}

void restrict_claims(std::vector<RequestedClaim>& claims, const ClaimNames& allowed) {
  std::erase_if(claims, [&](const RequestedClaim& c) { return !allowed.contains(c.name); });
}

std::vector<std::string> requested_claim_names(std::string_view json) {
  std::vector<std::string> names;
  if (json.empty()) return names;
  auto parsed = parse_claims_request(json);
  if (!parsed) return names;
  std::unordered_set<std::string_view> seen;
  for (const auto* member : {&parsed->userinfo, &parsed->id_token})
    for (const auto& claim : *member)
      if (seen.insert(claim.name).second) names.push_back(claim.name);
  return names;
}

}  // namespace authly::oauth
