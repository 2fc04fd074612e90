// Request-size caps over HTTP (docs/security.md, "Request limits"): every count a client controls —
// form and query parameters, header fields, cookies, scope tokens, client metadata lists, opaque
// authorization parameters — has a cap a real client never reaches, and one item over the cap is
// answered with a 400-class error at once. Inputs sit just over each cap; the two attack-sized
// bodies (200,000 parameters, 100,000 scope tokens) must be answered as quickly as the small ones.
#include <boost/json/parse.hpp>

#include "browser_harness.hpp"
#include "http/limits.hpp"
#include "oauth/authorize/checks.hpp"
#include "oauth/client_metadata_limits.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::test::browser {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class RequestLimits : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.oauth.dynamic_registration = true; }

  void SetUp() override {
    BrowserFlow::SetUp();
    services::ClientService clients(*store_, rng_, clock_);
    services::NewClient c;
    c.client_id = "svc";
    c.name = "Service";
    c.type = "confidential";
    c.grant_types = {"client_credentials"};
    c.scope = "openid";
    c.auth_method = "client_secret_post";
    auto created = clients.create(c, "test");
    ASSERT_TRUE(created.ok()) << created.error().message;
    svc_secret_ = created->secret.value_or("");
  }

  // A valid client_credentials request padded with unknown parameters up to `total` parameters.
  HttpResponse client_credentials_with(std::size_t total) {
    Fields f{{"grant_type", "client_credentials"}, {"client_id", "svc"}, {"client_secret", svc_secret_}};
    for (std::size_t i = 0; f.size() < total; ++i) f.emplace_back("pad" + std::to_string(i), "x");
    return post_token(f);
  }

  HttpResponse register_client(const std::string& body) {
    return request(port(), "POST", "/oauth/clients", {{"Content-Type", "application/json"}}, body);
  }

  static std::string repeated(std::string_view token, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out.append(i ? " " : "").append(token);
    return out;
  }

  static std::string error_of(const HttpResponse& r) {
    auto o = json_body(r);
    return o.contains("error") ? std::string(o.at("error").as_string()) : "";
  }

  // The error a redirect carries (authorization errors go back to the client's redirect URI).
  static std::string redirected_error(const HttpResponse& r) {
    return query_of(r.header("Location").value_or(""))["error"];
  }

  std::string svc_secret_;
};

TEST_F(RequestLimits, TokenEndpointAcceptsExactlyTheParameterCap) {
  auto r = client_credentials_with(http::kMaxFormParams);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(RequestLimits, TokenEndpointRefusesOneParameterOverTheCap) {
  auto r = client_credentials_with(http::kMaxFormParams + 1);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(error_of(r), "invalid_request");
}

// The reported attack: a 1 MB body of 200,000 distinct empty parameters took 100 s to refuse.
TEST_F(RequestLimits, TwoHundredThousandEmptyParametersAnswer400) {
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string body;
  for (std::size_t i = 0; i < 200'000; ++i) {
    if (i) body += '&';
    body += kAlphabet[i % 62];
    body += kAlphabet[(i / 62) % 62];
    body += kAlphabet[(i / (62 * 62)) % 62];
  }
  ASSERT_LT(body.size(), 1024u * 1024u);  // within the default body limit: the form parser must see it
  const auto started = std::chrono::steady_clock::now();
  auto r = request(port(), "POST", "/auth/token", {{"Content-Type", "application/x-www-form-urlencoded"}}, body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(error_of(r), "invalid_request");
  // Generous guard against a quadratic regression (it took 100 s), not a performance measurement.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(RequestLimits, AuthorizeRefusesOneQueryParameterOverTheCap) {
  Fields extra;
  // authorize_target() sends 8 parameters.
  for (std::size_t i = 0; i + 8 < http::kMaxFormParams + 1; ++i) extra.emplace_back("pad" + std::to_string(i), "x");
  Browser b(port());
  auto r = b.get(authorize_target(extra));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_THAT(r.body, HasSubstr("invalid_request"));
}

TEST_F(RequestLimits, AuthorizeAcceptsExactlyTheScopeTokenCap) {
  Browser b(port());
  auto r = b.get(authorize_target({{"scope", repeated("openid", oauth::kMaxScopeTokens)}}));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("Sign in"));
}

TEST_F(RequestLimits, AuthorizeRefusesOneScopeTokenOverTheCap) {
  Browser b(port());
  auto r = b.get(authorize_target({{"scope", repeated("openid", oauth::kMaxScopeTokens + 1)}}));
  EXPECT_EQ(r.status, 302) << r.body;
  EXPECT_EQ(redirected_error(r), "invalid_scope");
}

// The reported attack: 100,000 distinct scope tokens in a POST took ~10 s to answer.
TEST_F(RequestLimits, HundredThousandScopeTokensAnswerInvalidScope) {
  std::string scope = "openid";
  for (int i = 0; i < 100'000; ++i) scope += " s" + std::to_string(i);
  const std::string target = authorize_target({{"scope", scope}});
  const std::string body = target.substr(target.find('?') + 1);
  const auto started = std::chrono::steady_clock::now();
  auto r = request(port(), "POST", "/oauth/authorize", {{"Content-Type", "application/x-www-form-urlencoded"}}, body);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(redirected_error(r), "invalid_scope");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));  // quadratic guard
}

TEST_F(RequestLimits, TokenScopeOverTheCapIsInvalidScope) {
  auto r = post_token({{"grant_type", "client_credentials"},
                       {"client_id", "svc"},
                       {"client_secret", svc_secret_},
                       {"scope", repeated("openid", oauth::kMaxScopeTokens + 1)}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(error_of(r), "invalid_scope");
}

TEST_F(RequestLimits, RegistrationScopeOverTheCapIsInvalidClientMetadata) {
  auto ok = register_client(R"({"redirect_uris":["https://rp.example/cb"],"scope":")" +
                            repeated("openid", oauth::kMaxScopeTokens) + "\"}");
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],"scope":")" +
                           repeated("openid", oauth::kMaxScopeTokens + 1) + "\"}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(error_of(r), "invalid_client_metadata");
}

TEST_F(RequestLimits, RegistrationListOverTheCapIsInvalidClientMetadata) {
  for (const char* member : {"redirect_uris", "post_logout_redirect_uris", "grant_types", "response_types"}) {
    std::string list;
    for (std::size_t i = 0; i <= oauth::kMaxMetadataListItems; ++i)
      list += std::string(i ? "," : "") + "\"https://rp.example/cb" + std::to_string(i) + "\"";
    std::string body = R"({"redirect_uris":["https://rp.example/cb"],")" + std::string(member) + "\":[" + list + "]}";
    if (std::string_view(member) == "redirect_uris") body = R"({"redirect_uris":[)" + list + "]}";
    auto r = register_client(body);
    EXPECT_EQ(r.status, 400) << member << ": " << r.body;
    EXPECT_EQ(error_of(r), "invalid_client_metadata") << member;
  }
}

TEST_F(RequestLimits, HeaderFieldsAtTheCapAreServed) {
  HeaderList headers;  // build_request adds Host
  for (std::size_t i = 0; i + 1 < http::kMaxHeaderFields; ++i) headers.emplace_back("X-Pad-" + std::to_string(i), "1");
  RawConnection c(port());
  auto r = c.request(build_request("GET", "/.well-known/openid-configuration", headers));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(RequestLimits, OneHeaderFieldOverTheCapIs431) {
  HeaderList headers;
  for (std::size_t i = 0; i < http::kMaxHeaderFields; ++i) headers.emplace_back("X-Pad-" + std::to_string(i), "1");
  RawConnection c(port());
  auto r = c.request(build_request("GET", "/.well-known/openid-configuration", headers));
  EXPECT_EQ(r.status, 431) << r.body;
}

TEST_F(RequestLimits, CookiesAtTheCapAreServed) {
  std::string cookie;
  for (std::size_t i = 0; i < http::kMaxCookies; ++i) cookie += (i ? "; c" : "c") + std::to_string(i) + "=1";
  auto r = get(port(), "/.well-known/openid-configuration", {{"Cookie", cookie}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(RequestLimits, OneCookieOverTheCapIs400) {
  // Spread over two Cookie fields: the cap counts the request's cookies, not one field's.
  std::string first, second;
  for (std::size_t i = 0; i <= http::kMaxCookies; ++i) {
    std::string& into = i % 2 ? second : first;
    into += (into.empty() ? "c" : "; c") + std::to_string(i) + "=1";
  }
  auto r = get(port(), "/.well-known/openid-configuration", {{"Cookie", first}, {"Cookie", second}});
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(RequestLimits, OpaqueValuesAtTheirCapsAreAccepted) {
  Browser b(port());
  auto r = b.get(authorize_target({{"state", std::string(oauth::authorize::kMaxStateBytes, 's')},
                                   {"nonce", std::string(oauth::authorize::kMaxNonceBytes, 'n')},
                                   {"login_hint", std::string(oauth::authorize::kMaxLoginHintBytes, 'h')}}));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("Sign in"));
}

TEST_F(RequestLimits, OpaqueValuesOverTheirCapsAreInvalidRequest) {
  const std::pair<const char*, std::size_t> caps[] = {{"state", oauth::authorize::kMaxStateBytes},
                                                      {"nonce", oauth::authorize::kMaxNonceBytes},
                                                      {"login_hint", oauth::authorize::kMaxLoginHintBytes}};
  for (const auto& [name, cap] : caps) {
    Browser b(port());
    auto r = b.get(authorize_target({{name, std::string(cap + 1, 'x')}}));
    EXPECT_EQ(r.status, 302) << name << ": " << r.body;
    EXPECT_EQ(redirected_error(r), "invalid_request") << name;
    // Nothing is stored for a refused request: no interaction row exists to purge, even far ahead.
    EXPECT_EQ(store_->interactions().delete_expired(clock_.now() + std::chrono::hours(24 * 365), 1000), 0) << name;
  }
}

}  // namespace
}  // namespace authly::test::browser
