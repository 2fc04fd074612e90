#include "web/pages.hpp"

#include <stdexcept>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "web/assets.hpp"
#include "web/display_text.hpp"
#include "web/renderer.hpp"

namespace authly::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;

constexpr std::string_view kFormPostScript = "document.getElementById(\"response\").submit();";

std::string render(std::string_view name, data d) { return Renderer{}.render(name, std::move(d)); }

// kainjow treats an empty string as true in {{#section}}: optional values are left out instead.
void set_optional(data& d, const std::string& key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

}  // namespace

std::string login_page(const LoginView& v) {
  data d;
  d.set("title", "Sign in");
  d.set("client_name", display_text(v.client_name));
  d.set("interaction", v.interaction);
  d.set("csrf", v.csrf);
  set_optional(d, "username", display_text(v.username));
  set_optional(d, "error", display_text(v.error));
  return render("login", std::move(d));
}

std::string consent_page(const ConsentView& v) {
  data d;
  d.set("title", "Allow access");
  d.set("client_name", display_text(v.client_name));
  d.set("username", display_text(v.username));
  d.set("interaction", v.interaction);
  d.set("csrf", v.csrf);
  list scopes;
  for (const auto& s : v.scopes) {
    data item;
    item.set("name", display_text(s.name));
    set_optional(item, "description", display_text(s.description));
    scopes.push_back(std::move(item));
  }
  d.set("has_scopes", v.scopes.empty() ? data(data::type::bool_false) : data(data::type::bool_true));
  d.set("scopes", std::move(scopes));
  std::string claims;
  for (const auto& c : v.claims) claims += (claims.empty() ? "" : ", ") + c;
  set_optional(d, "claims", display_text(claims));
  return render("consent", std::move(d));
}

std::string error_page(const ErrorView& v) {
  data d;
  d.set("title", v.title);
  d.set("message", display_text(v.message));
  set_optional(d, "error_code", v.error_code);
  set_optional(d, "request_id", v.request_id);
  return render("error", std::move(d));
}

std::string form_post_page(const FormPostView& v) {
  data d;
  d.set("title", "Returning to the application");
  d.set("action", v.action);
  list fields;
  for (const auto& [name, value] : v.fields) {
    data item;
    item.set("name", name);
    item.set("value", value);
    fields.push_back(std::move(item));
  }
  d.set("fields", std::move(fields));
  d.set("script", std::string(kFormPostScript));
  return render("form_post", std::move(d));
}

std::string logged_out_page() {
  data d;
  d.set("title", "Signed out");
  return render("logged_out", std::move(d));
}

std::string logout_confirm_page(const LogoutConfirmView& v) {
  data d;
  d.set("title", "Sign out");
  set_optional(d, "client_name", display_text(v.client_name));
  set_optional(d, "username", display_text(v.username));
  d.set("client_id", v.client_id);
  d.set("post_logout_redirect_uri", v.post_logout_redirect_uri);
  d.set("state", v.state);
  d.set("csrf", v.csrf);
  return render("logout_confirm", std::move(d));
}

std::string logout_declined_page() {
  data d;
  d.set("title", "Still signed in");
  return render("logout_declined", std::move(d));
}

std::string_view form_post_script() { return kFormPostScript; }

std::string form_post_script_hash_source() {
  return "'sha256-" + core::base64_encode(crypto::sha256(kFormPostScript)) + "'";
}

std::string_view stylesheet() {
  auto css = static_file("authly.css");
  if (!css) throw std::logic_error("no embedded authly.css");
  return *css;
}

}  // namespace authly::web
