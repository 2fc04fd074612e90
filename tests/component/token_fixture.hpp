#pragma once
// The token-side endpoints over HTTP: the application as `authly serve` wires it, on port 0 over
// SQLite :memory: (support/test_application.hpp), clients and users made through src/services,
// codes inserted as the authorization endpoint would.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <thread>

#include "config/config.hpp"
#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "jose/jws.hpp"
#include "oauth/access_token.hpp"
#include "services/client_service.hpp"
#include "services/user_service.hpp"
#include "support/issued_code.hpp"
#include "support/raw_http.hpp"
#include "support/test_application.hpp"

namespace authly::test {

using Fields = std::vector<std::pair<std::string, std::string>>;

inline const std::string kIssuer = "https://id.example.test";
inline const std::string kUserPassword = "correct horse battery";
inline const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 Appendix B
inline const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

inline std::string form_encode_one(const std::string& value) { return http::encode_form({{"x", value}}).substr(2); }

inline std::string basic(const std::string& id, const std::string& secret) {
  return "Basic " + core::base64_encode(form_encode_one(id) + ":" + form_encode_one(secret));
}

inline boost::json::object json_of(const HttpResponse& r) {
  auto v = boost::json::parse(r.body);
  return v.is_object() ? v.as_object() : boost::json::object{};
}

inline std::string str(const boost::json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

// The OAuth error code of a JSON error response (RFC 6749 §5.2).
inline std::string error_of(const HttpResponse& r) { return str(json_of(r), "error"); }

class TokenServer : public ApplicationTest {
 protected:
  // The application as `authly serve` wires it (support/test_application.hpp), alice with a
  // browser session, and the clients web, other, service and spa.
  void SetUp() override {
    open([](config::Config& c) {
      c.issuer = kIssuer;
      c.login.max_failures = 3;
    });
    alice_id_ = app_->add_user({"alice", "alice@example.com", kUserPassword, "Alice", "Liddell", false, true});
    // The browser session add_code()'s codes name: a refresh token without offline_access lives
    // only as long as its session (OIDC Core §11).
    store_->sessions().create(test_session(alice_id_, clock_.now()));

    web_secret_ = add_client("web", "confidential", {"authorization_code", "refresh_token"}, "client_secret_basic");
    other_secret_ = add_client("other", "confidential", {"authorization_code", "refresh_token"}, "client_secret_post");
    service_secret_ = add_client("service", "confidential", {"client_credentials"}, "client_secret_basic");
    add_client("spa", "public", {"authorization_code", "refresh_token"}, "none");
    serve();
  }

  std::string add_client(const std::string& id, const std::string& type, std::vector<std::string> grants,
                         const std::string& method, const std::string& jwks = "") {
    services::ClientService clients(*store_, rng_, clock_);
    services::NewClient c;
    c.client_id = id;
    c.name = "Client " + id;
    c.type = type;
    c.redirect_uris = {"https://app.example/cb"};
    c.grant_types = std::move(grants);
    c.scope = "openid profile email offline_access";
    c.auth_method = method;
    c.jwks = jwks;
    auto created = clients.create(c, "test");
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->secret.value_or("") : "";
  }

  // An authorization code as the authorization endpoint issues it, approved by alice's session;
  // returns the code value.
  std::string add_code(const std::string& client_id, const std::string& challenge = kChallenge,
                       const std::string& redirect_uri = "https://app.example/cb") {
    TestCodeRequest r;
    r.client_id = client_id;
    r.session_hash = "session-hash";
    r.code_challenge = challenge;
    r.redirect_uri = redirect_uri;
    return issue_test_code(*store_, rng_, clock_.now(), r);
  }

  HttpResponse post(const std::string& path, const Fields& fields, HeaderList headers = {}) {
    headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return request(server_->port(), "POST", path, headers, http::encode_form(fields));
  }
  HttpResponse token(const Fields& fields, HeaderList headers = {}) { return post("/auth/token", fields, headers); }
  HttpResponse as_web(const std::string& path, const Fields& fields) {
    HeaderList headers;  // not a braced list: GCC 12 then reports a false -Warray-bounds in post()
    headers.emplace_back("Authorization", basic("web", web_secret_));
    return post(path, fields, std::move(headers));
  }
  HttpResponse exchange(const std::string& code) {
    return as_web("/auth/token", {{"grant_type", "authorization_code"},
                                  {"code", code},
                                  {"redirect_uri", "https://app.example/cb"},
                                  {"code_verifier", kVerifier}});
  }
  bool active(const std::string& token_value) {
    auto r = as_web("/auth/introspect", {{"token", token_value}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto o = json_of(r);
    return o.contains("active") && o.at("active").as_bool();
  }

  std::string alice_id_;
  std::string web_secret_;
  std::string other_secret_;
  std::string service_secret_;
};

}  // namespace authly::test
