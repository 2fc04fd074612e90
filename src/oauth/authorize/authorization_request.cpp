#include "oauth/authorize/authorization_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "oauth/scope_syntax.hpp"

namespace authly::oauth::authorize {

std::size_t count(const Params& params, std::string_view name) {
  std::size_t n = 0;
  for (const auto& [k, v] : params)
    if (k == name) ++n;
  return n;
}

std::optional<std::string> single(const Params& params, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& [k, v] : params) {
    if (k != name) continue;
    if (found) return std::nullopt;
    found = v;
  }
  return found;
}

std::string_view to_string(ResponseMode mode) noexcept {
  return mode == ResponseMode::form_post ? "form_post" : "query";
}

std::string scope_string(const AuthorizationRequest& request) { return join_scope(request.scopes); }

std::string to_json(const AuthorizationRequest& r) {
  boost::json::object o;
  o["client_id"] = r.client_id;
  o["redirect_uri"] = r.redirect_uri;
  o["redirect_uri_given"] = r.redirect_uri_given;
  o["response_mode"] = to_string(r.response_mode);
  boost::json::array scopes;
  for (const auto& s : r.scopes) scopes.emplace_back(s);
  o["scopes"] = std::move(scopes);
  o["state"] = r.state;
  o["nonce"] = r.nonce;
  o["code_challenge"] = r.code_challenge;
  o["code_challenge_method"] = r.code_challenge_method;
  o["prompt_none"] = r.prompt.none;
  o["prompt_login"] = r.prompt.login;
  o["prompt_consent"] = r.prompt.consent;
  if (r.max_age) o["max_age"] = *r.max_age;
  o["login_hint"] = r.login_hint;
  o["claims"] = r.claims;
  return boost::json::serialize(o);
}

std::optional<AuthorizationRequest> request_from_json(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  auto text = [&](const char* key, std::string& out) {
    auto* p = o.if_contains(key);
    if (!p || !p->is_string()) return false;
    out = std::string(p->as_string());
    return true;
  };
  auto flag = [&](const char* key, bool& out) {
    auto* p = o.if_contains(key);
    if (!p || !p->is_bool()) return false;
    out = p->as_bool();
    return true;
  };
  AuthorizationRequest r;
  std::string mode;
  if (!text("client_id", r.client_id) || !text("redirect_uri", r.redirect_uri) ||
      !flag("redirect_uri_given", r.redirect_uri_given) || !text("response_mode", mode) || !text("state", r.state) ||
      !text("nonce", r.nonce) || !text("code_challenge", r.code_challenge) ||
      !text("code_challenge_method", r.code_challenge_method) || !flag("prompt_none", r.prompt.none) ||
      !flag("prompt_login", r.prompt.login) || !flag("prompt_consent", r.prompt.consent) ||
      !text("login_hint", r.login_hint))
    return std::nullopt;
  if (mode != "query" && mode != "form_post") return std::nullopt;
  r.response_mode = mode == "form_post" ? ResponseMode::form_post : ResponseMode::query;
  auto* scopes = o.if_contains("scopes");
  if (!scopes || !scopes->is_array()) return std::nullopt;
  for (const auto& s : scopes->as_array()) {
    if (!s.is_string()) return std::nullopt;
    r.scopes.emplace_back(s.as_string());
  }
  // Optional so that interactions written before the claims parameter was supported still load.
  if (o.contains("claims") && !text("claims", r.claims)) return std::nullopt;
  if (auto* max_age = o.if_contains("max_age")) {
    if (!max_age->is_int64()) return std::nullopt;
    r.max_age = max_age->as_int64();
  }
  return r;
}

}  // namespace authly::oauth::authorize
