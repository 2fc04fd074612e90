// Authorization request checks (OAuth 2.1 §4.1.1, RFC 6749 §3.1 and §4.1.2.1, RFC 7636, RFC 8252
// §7.3, OIDC Core §3.1.2.1), each rule with a test that fails without it.
#include <gtest/gtest.h>

#include "oauth/authorize/authorization_response.hpp"
#include "oauth/authorize/authorize_request.hpp"

namespace authly::oauth::authorize {
namespace {

const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

store::Client test_client() {
  store::Client c;
  c.id = "app";
  c.name = "App";
  c.redirect_uris = {"https://app.example/cb", "http://127.0.0.1/loopback", "http://localhost:3000/cb"};
  c.grant_types = {"authorization_code", "refresh_token"};
  c.scope = "openid profile email";
  return c;
}

class AuthorizeRequestTest : public ::testing::Test {
 protected:
  Params base() const {
    return {{"response_type", "code"},
            {"client_id", "app"},
            {"redirect_uri", "https://app.example/cb"},
            {"code_challenge", kChallenge},
            {"code_challenge_method", "S256"},
            {"scope", "openid profile"},
            {"state", "st-1"},
            {"nonce", "n-1"}};
  }
  static Params with(Params p, const std::string& name, const std::string& value) {
    for (auto& [k, v] : p)
      if (k == name) {
        v = value;
        return p;
      }
    p.emplace_back(name, value);
    return p;
  }
  static Params without(Params p, const std::string& name) {
    std::erase_if(p, [&](const auto& kv) { return kv.first == name; });
    return p;
  }
  core::Result<ValidatedRequest, AuthorizeFailure> run(const Params& p) {
    return validate_authorization_request(p, [this](const std::string& id) -> std::optional<store::Client> {
      if (id == client.id) return client;
      return std::nullopt;
    });
  }
  // The error of a refused request, which must be redirectable to the validated redirect URI.
  OAuthError redirected(const Params& p) {
    auto r = run(p);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return {};
    EXPECT_TRUE(r.error().error.redirectable) << r.error().error.description;
    EXPECT_FALSE(r.error().redirect_uri.empty());
    return r.error().error;
  }
  store::Client client = test_client();
};

TEST_F(AuthorizeRequestTest, AcceptsAValidRequest) {
  auto r = run(base());
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_EQ(r->request.client_id, "app");
  EXPECT_EQ(r->request.redirect_uri, "https://app.example/cb");
  EXPECT_TRUE(r->request.redirect_uri_given);
  EXPECT_EQ(r->request.code_challenge, kChallenge);
  EXPECT_EQ(r->request.code_challenge_method, "S256");
  EXPECT_EQ(scope_string(r->request), "openid profile");
  EXPECT_EQ(r->request.state, "st-1");
  EXPECT_EQ(r->request.nonce, "n-1");
  EXPECT_EQ(r->request.response_mode, ResponseMode::query);
}

TEST(Authorize, UnknownClientIsNeverRedirected) {
  Params p{{"response_type", "code"}, {"client_id", "nope"}, {"redirect_uri", "https://evil.example/cb"}};
  auto r = validate_authorization_request(p, [](const std::string&) { return std::nullopt; });
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().error.redirectable);
  EXPECT_TRUE(r.error().redirect_uri.empty());
}

TEST_F(AuthorizeRequestTest, InactiveOrMissingClientIsNeverRedirected) {
  client.is_active = false;
  auto r = run(base());
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().error.redirectable);
  auto missing = run(without(base(), "client_id"));
  ASSERT_FALSE(missing.ok());
  EXPECT_FALSE(missing.error().error.redirectable);
}

TEST_F(AuthorizeRequestTest, UnregisteredRedirectUriIsNeverRedirected) {
  for (auto uri : {"https://app.example/cb/", "https://app.example/cb?x=1", "https://evil.example/cb",
                   "HTTPS://app.example/cb", "https://app.example/CB", "http://127.0.0.1.evil.example/loopback"}) {
    auto r = run(with(base(), "redirect_uri", uri));
    ASSERT_FALSE(r.ok()) << uri;
    EXPECT_FALSE(r.error().error.redirectable) << uri;
  }
}

TEST(Authorize, LoopbackRedirectMatchesAnyPort) {
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1:51234/loopback", "http://127.0.0.1/loopback"));
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1/loopback", "http://127.0.0.1:8080/loopback"));
  EXPECT_TRUE(redirect_uri_matches("http://[::1]:9000/cb", "http://[::1]/cb"));
  // Only the port may differ.
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:5000/other", "http://127.0.0.1/loopback"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:5000/loopback?x=1", "http://127.0.0.1/loopback"));
  EXPECT_FALSE(redirect_uri_matches("http://[::1]:9000/cb", "http://127.0.0.1/cb"));
  EXPECT_FALSE(redirect_uri_matches("https://127.0.0.1:5000/loopback", "http://127.0.0.1/loopback"));
}

TEST(Authorize, LoopbackLeniencyRefusesBoostUrlMisparse) {
  // Boost.URL 1.81 parses this as host 127.0.0.1 with path ".evil.example/cb".
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1.evil.example/cb", "http://127.0.0.1/cb"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:80.evil.example/cb", "http://127.0.0.1/cb"));
}

TEST(Authorize, LocalhostNameDoesNotGetPortLeniency) {
  EXPECT_FALSE(redirect_uri_matches("http://localhost:4000/cb", "http://localhost:3000/cb"));
  EXPECT_FALSE(redirect_uri_matches("http://localhost:4000/cb", "http://localhost/cb"));
  EXPECT_TRUE(redirect_uri_matches("http://localhost:3000/cb", "http://localhost:3000/cb"));
}

TEST_F(AuthorizeRequestTest, LoopbackPortVariesInAFullRequest) {
  auto r = run(with(base(), "redirect_uri", "http://127.0.0.1:49152/loopback"));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_EQ(r->request.redirect_uri, "http://127.0.0.1:49152/loopback");
  EXPECT_FALSE(run(with(base(), "redirect_uri", "http://localhost:4000/cb")).ok());
}

TEST_F(AuthorizeRequestTest, RedirectUriMayBeOmittedOnlyWithOneRegistered) {
  auto several = run(without(base(), "redirect_uri"));
  ASSERT_FALSE(several.ok());
  EXPECT_FALSE(several.error().error.redirectable);
  client.redirect_uris = {"https://app.example/only"};
  auto one = run(without(base(), "redirect_uri"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->request.redirect_uri, "https://app.example/only");
  EXPECT_FALSE(one->request.redirect_uri_given);
}

TEST_F(AuthorizeRequestTest, RepeatedRedirectUriOrClientIdIsNeverRedirected) {
  auto p = base();
  p.emplace_back("redirect_uri", "https://app.example/cb");
  auto r = run(p);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().error.redirectable);
  auto q = base();
  q.emplace_back("client_id", "app");
  ASSERT_FALSE(run(q).ok());
  EXPECT_FALSE(run(q).error().error.redirectable);
}

TEST_F(AuthorizeRequestTest, DuplicateParameterIsInvalidRequest) {
  for (auto name : {"state", "scope", "response_type", "code_challenge", "nonce", "prompt"}) {
    auto p = with(base(), name, "login");
    p.emplace_back(name, "login");
    auto e = redirected(p);
    EXPECT_EQ(e.code, ErrorCode::invalid_request) << name;
  }
}

TEST_F(AuthorizeRequestTest, ErrorsCarryStateAndRedirectUri) {
  auto r = run(with(base(), "response_type", "token"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().redirect_uri, "https://app.example/cb");
  EXPECT_EQ(r.error().state, "st-1");
  EXPECT_EQ(r.error().response_mode, ResponseMode::query);
}

TEST_F(AuthorizeRequestTest, OnlyResponseTypeCodeIsSupported) {
  for (auto type : {"token", "id_token", "code id_token", "code token", "none"})
    EXPECT_EQ(redirected(with(base(), "response_type", type)).code, ErrorCode::unsupported_response_type) << type;
  EXPECT_EQ(redirected(without(base(), "response_type")).code, ErrorCode::invalid_request);
}

TEST_F(AuthorizeRequestTest, ClientWithoutCodeGrantIsUnauthorized) {
  client.grant_types = {"client_credentials"};
  EXPECT_EQ(redirected(base()).code, ErrorCode::unauthorized_client);
}

TEST_F(AuthorizeRequestTest, PkceIsRequired) {
  EXPECT_EQ(redirected(without(base(), "code_challenge")).code, ErrorCode::invalid_request);
}

TEST(Authorize, RejectsPlainPkceMethod) {
  Params p{{"response_type", "code"},
           {"client_id", "app"},
           {"redirect_uri", "https://app.example/cb"},
           {"code_challenge", kChallenge},
           {"code_challenge_method", "plain"}};
  auto r = validate_authorization_request(p, [](const std::string&) { return test_client(); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request);
  EXPECT_TRUE(r.error().error.redirectable);
}

TEST_F(AuthorizeRequestTest, MissingPkceMethodIsRefusedBecauseItMeansPlain) {
  EXPECT_EQ(redirected(without(base(), "code_challenge_method")).code, ErrorCode::invalid_request);
  EXPECT_EQ(redirected(with(base(), "code_challenge_method", "S512")).code, ErrorCode::invalid_request);
}

TEST_F(AuthorizeRequestTest, CodeChallengeLengthAndAlphabet) {
  EXPECT_EQ(redirected(with(base(), "code_challenge", std::string(42, 'a'))).code, ErrorCode::invalid_request);
  EXPECT_EQ(redirected(with(base(), "code_challenge", std::string(129, 'a'))).code, ErrorCode::invalid_request);
  EXPECT_EQ(redirected(with(base(), "code_challenge", std::string(42, 'a') + "+")).code, ErrorCode::invalid_request);
  EXPECT_TRUE(run(with(base(), "code_challenge", std::string(128, '~'))).ok());
  EXPECT_TRUE(run(with(base(), "code_challenge", std::string(43, '.'))).ok());
}

TEST_F(AuthorizeRequestTest, ScopeMustBeAllowedForTheClient) {
  EXPECT_EQ(redirected(with(base(), "scope", "openid admin")).code, ErrorCode::invalid_scope);
  EXPECT_EQ(redirected(with(base(), "scope", "openid  profile")).code, ErrorCode::invalid_scope);
  auto none = run(without(base(), "scope"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->request.scopes.empty());
}

TEST_F(AuthorizeRequestTest, ResponseModeQueryOrFormPost) {
  auto fp = run(with(base(), "response_mode", "form_post"));
  ASSERT_TRUE(fp.ok());
  EXPECT_EQ(fp->request.response_mode, ResponseMode::form_post);
  EXPECT_EQ(redirected(with(base(), "response_mode", "fragment")).code, ErrorCode::invalid_request);
  // Later errors of a form_post request are delivered by form_post.
  auto err = run(with(with(base(), "response_mode", "form_post"), "response_type", "token"));
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().response_mode, ResponseMode::form_post);
}

TEST_F(AuthorizeRequestTest, PromptValues) {
  auto r = run(with(base(), "prompt", "login consent"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->request.prompt.login);
  EXPECT_TRUE(r->request.prompt.consent);
  EXPECT_FALSE(r->request.prompt.none);
  EXPECT_EQ(redirected(with(base(), "prompt", "none login")).code, ErrorCode::invalid_request);
  EXPECT_EQ(redirected(with(base(), "prompt", "select_account")).code, ErrorCode::invalid_request);
  EXPECT_TRUE(run(with(base(), "prompt", "none"))->request.prompt.none);
}

TEST_F(AuthorizeRequestTest, MaxAgeIsANonNegativeInteger) {
  EXPECT_EQ(run(with(base(), "max_age", "0"))->request.max_age, 0);
  EXPECT_EQ(run(with(base(), "max_age", "3600"))->request.max_age, 3600);
  for (auto bad : {"-1", "1.5", "", "1e3", "+5", "99999999999999999999"})
    EXPECT_EQ(redirected(with(base(), "max_age", bad)).code, ErrorCode::invalid_request) << bad;
}

TEST_F(AuthorizeRequestTest, LoginHintIsKept) {
  EXPECT_EQ(run(with(base(), "login_hint", "alice"))->request.login_hint, "alice");
}

TEST_F(AuthorizeRequestTest, RequestSurvivesJsonRoundTrip) {
  auto r = run(with(with(with(base(), "max_age", "60"), "prompt", "login"), "response_mode", "form_post"));
  ASSERT_TRUE(r.ok());
  auto back = request_from_json(to_json(r->request));
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), to_json(r->request));
  EXPECT_EQ(back->max_age, 60);
  EXPECT_TRUE(back->prompt.login);
  EXPECT_EQ(back->response_mode, ResponseMode::form_post);
  EXPECT_FALSE(request_from_json("{}"));
  EXPECT_FALSE(request_from_json("not json"));
}

TEST(AuthorizeResponse, SuccessCarriesCodeStateAndIssuer) {
  auto r = success_response("https://app.example/cb", ResponseMode::query, "c0de", "st", "https://id.example");
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(r.params, (std::vector<P>{{"code", "c0de"}, {"state", "st"}, {"iss", "https://id.example"}}));
  auto no_state = success_response("https://app.example/cb", ResponseMode::query, "c0de", "", "https://id.example");
  EXPECT_EQ(no_state.params, (std::vector<P>{{"code", "c0de"}, {"iss", "https://id.example"}}));
}

TEST(AuthorizeResponse, ErrorCarriesIssuer) {
  auto r = error_response("https://app.example/cb", ResponseMode::query,
                          OAuthError{ErrorCode::access_denied, "no", {}, true}, "st", "https://id.example");
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(
      r.params,
      (std::vector<P>{
          {"error", "access_denied"}, {"error_description", "no"}, {"state", "st"}, {"iss", "https://id.example"}}));
}

TEST(AuthorizeResponse, OriginOfRedirectUri) {
  EXPECT_EQ(uri_origin("https://app.example:8443/cb?x=1"), "https://app.example:8443");
  EXPECT_EQ(uri_origin("http://127.0.0.1:5000/cb"), "http://127.0.0.1:5000");
  EXPECT_EQ(uri_origin("com.example.app:/cb"), "com.example.app:");
  EXPECT_FALSE(uri_origin("not a uri"));
}

}  // namespace
}  // namespace authly::oauth::authorize
