#pragma once
// Harness for the browser-flow component tests: the application as `authly serve` wires it, on
// port 0 over SQLite :memory: (support/test_application.hpp), a cookie-keeping client, and HTML/URL
// helpers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>
#include <optional>
#include <regex>
#include <thread>

#include "config/config.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "services/client_service.hpp"
#include "services/user_service.hpp"
#include "support/raw_http.hpp"
#include "support/test_application.hpp"

namespace authly::test::browser {

using ::testing::HasSubstr;

inline const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
inline const std::string kPassword = "correct horse battery";
inline const std::string kCodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 App. B: kChallenge

// What add_oidc_client() registers beyond add_client()'s defaults (OIDC Dynamic Registration §2 names).
struct OidcClientOptions {
  std::string id_token_signed_response_alg = "RS256";
  std::string subject_type = "public";
  std::string sector_identifier_uri{};
  std::string scope = "openid profile email";
  bool require_consent = false;
};

// A cookie jar over raw_http: remembers Set-Cookie values, sends them back.
class Browser {
 public:
  explicit Browser(std::uint16_t port) : port_(port) {}
  HttpResponse get(const std::string& target) { return send("GET", target, ""); }
  HttpResponse post(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                    HeaderList extra = {}) {
    return send("POST", target, http::encode_form(fields), std::move(extra));
  }
  std::map<std::string, std::string> cookies;

 private:
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    HeaderList headers = {}) {
    std::string cookie_header;
    for (const auto& [k, v] : cookies) cookie_header += (cookie_header.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie_header.empty()) headers.emplace_back("Cookie", cookie_header);
    if (method == "POST") headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    auto r = request(port_, method, target, headers, body);
    for (const auto& [name, value] : r.headers) {
      if (!http::iequals(name, "Set-Cookie")) continue;
      const auto eq = value.find('=');
      const auto semi = value.find(';');
      const auto cname = value.substr(0, eq);
      const auto cvalue = value.substr(eq + 1, semi - eq - 1);
      if (value.find("Max-Age=0") != std::string::npos)
        cookies.erase(cname);
      else
        cookies[cname] = cvalue;
    }
    return r;
  }
  std::uint16_t port_;
};

inline std::string field(const std::string& html, const std::string& name) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\""))) return m[1];
  return {};
}

inline std::map<std::string, std::string> query_of(const std::string& location) {
  std::map<std::string, std::string> out;
  const auto q = location.find('?');
  if (q == std::string::npos) return out;
  auto parsed = http::FormParams::parse(location.substr(q + 1));
  if (!parsed) return out;
  for (const auto& [k, v] : *parsed) out[k] = v;
  return out;
}

inline std::vector<std::string> set_cookies(const HttpResponse& r) {
  std::vector<std::string> out;
  for (const auto& [name, value] : r.headers)
    if (http::iequals(name, "Set-Cookie")) out.push_back(value);
  return out;
}

class BrowserFlow : public ApplicationTest {
 protected:
  void SetUp() override { start(); }
  void TearDown() override { stop(); }

  // The application as `authly serve` wires it (support/test_application.hpp), alice, and the
  // clients "app" (asks consent) and "trusted". A second start() after stop() serves the same
  // application again.
  void start() {
    if (!app_) {
      open();
      alice_id_ = app_->add_user({"alice", "alice@example.com", kPassword, "Alice", "Liddell", false, true});
      add_client("app", true);
      add_client("trusted", false);
    }
    serve();
  }

  void stop() {
    if (app_) app_->stop();
  }

  void add_client(const std::string& id, bool require_consent) {
    services::ClientService clients(*store_, rng_, clock_);
    services::NewClient c;
    c.client_id = id;
    c.name = "Demo " + id;
    c.type = "public";
    c.redirect_uris = {"https://app.example/cb", "http://127.0.0.1/native"};
    c.grant_types = {"authorization_code", "refresh_token"};
    c.scope = "openid profile email";
    c.auth_method = "none";
    c.require_consent = require_consent;
    auto created = clients.create(c, "test");
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  static std::string authorize_target(const std::vector<std::pair<std::string, std::string>>& extra = {},
                                      const std::string& client_id = "app") {
    std::vector<std::pair<std::string, std::string>> p{{"response_type", "code"},
                                                       {"client_id", client_id},
                                                       {"redirect_uri", "https://app.example/cb"},
                                                       {"code_challenge", kChallenge},
                                                       {"code_challenge_method", "S256"},
                                                       {"scope", "openid profile"},
                                                       {"state", "st-42"},
                                                       {"nonce", "n-7"}};
    for (const auto& [k, v] : extra) {
      bool replaced = false;
      for (auto& [pk, pv] : p)
        if (pk == k) pv = v, replaced = true;
      if (!replaced) p.emplace_back(k, v);
    }
    return "/oauth/authorize?" + http::encode_form(p);
  }

  HttpResponse login(Browser& b, const HttpResponse& page, const std::string& password = kPassword) {
    return b.post("/auth/login", {{"interaction", field(page.body, "interaction")},
                                  {"csrf", field(page.body, "csrf")},
                                  {"username", "alice"},
                                  {"password", password}});
  }
  HttpResponse decide(Browser& b, const HttpResponse& page, const std::string& decision) {
    return b.post(
        "/oauth/consent",
        {{"interaction", field(page.body, "interaction")}, {"csrf", field(page.body, "csrf")}, {"decision", decision}});
  }
  // The whole first run: authorize, login, consent Allow. Returns the final redirect.
  HttpResponse full_flow(Browser& b, const std::string& target = authorize_target()) {
    auto page = b.get(target);
    EXPECT_EQ(page.status, 200);
    auto consent = login(b, page);
    EXPECT_EQ(consent.status, 200) << consent.body;
    EXPECT_THAT(consent.body, HasSubstr("Allow access"));
    return decide(b, consent, "allow");
  }

  // A public client like add_client()'s with the OIDC registration fields set in the store row.
  void add_oidc_client(const std::string& id, const OidcClientOptions& options = {}) {
    add_client(id, options.require_consent);
    auto row = store_->clients().find(id);
    ASSERT_TRUE(row);
    row->id_token_signed_response_alg = options.id_token_signed_response_alg;
    row->subject_type = options.subject_type;
    row->sector_identifier_uri = options.sector_identifier_uri;
    row->scope = options.scope;
    ASSERT_TRUE(store_->clients().update(*row));
  }

  // The `code` of an authorization response redirect (full_flow's result).
  static std::string code_from(const HttpResponse& redirect) {
    return query_of(redirect.header("Location").value_or(""))["code"];
  }

  // POST /auth/token as a public client (client_id in the body).
  HttpResponse post_token(std::vector<std::pair<std::string, std::string>> fields) {
    return request(port(), "POST", "/auth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
                   http::encode_form(fields));
  }
  static boost::json::object json_body(const HttpResponse& r) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.body, ec);
    return !ec && v.is_object() ? v.as_object() : boost::json::object{};
  }
  // The parsed token response (or error object) for an authorization_code exchange by a public client.
  boost::json::object exchange_code(const std::string& code, const std::string& client_id = "app") {
    return json_body(post_token({{"grant_type", "authorization_code"},
                                 {"code", code},
                                 {"redirect_uri", "https://app.example/cb"},
                                 {"client_id", client_id},
                                 {"code_verifier", kCodeVerifier}}));
  }
  // The parsed token response (or error object) for a refresh_token grant by a public client.
  boost::json::object refresh_with(const std::string& refresh_token, const std::string& client_id = "app",
                                   const std::optional<std::string>& scope = std::nullopt) {
    std::vector<std::pair<std::string, std::string>> f{
        {"grant_type", "refresh_token"}, {"refresh_token", refresh_token}, {"client_id", client_id}};
    if (scope) f.emplace_back("scope", *scope);
    return json_body(post_token(std::move(f)));
  }

  std::uint16_t port() const { return app_->port(); }

  std::string alice_id_;
};

}  // namespace authly::test::browser
