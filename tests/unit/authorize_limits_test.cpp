// What an anonymous authorization request may make the server store (docs/security.md, "Request
// limits"): state, nonce and login_hint have byte caps, a loopback redirect URI may vary only by a
// real port number, so the interaction row written before login stays small whatever is sent.
#include <gtest/gtest.h>

#include "oauth/authorize/authorize_request.hpp"
#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {
namespace {

class AuthorizeLimits : public ::testing::Test {
 protected:
  Params base() const {
    return {{"response_type", "code"},
            {"client_id", "app"},
            {"redirect_uri", "https://app.example/cb"},
            {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
            {"code_challenge_method", "S256"},
            {"scope", "openid"}};
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
  core::Result<ValidatedRequest, AuthorizeFailure> run(const Params& p) {
    return validate_authorization_request(p, [this](const std::string&) { return client; });
  }
  store::Client client = [] {
    store::Client c;
    c.id = "app";
    c.redirect_uris = {"https://app.example/cb", "http://127.0.0.1/native"};
    c.grant_types = {"authorization_code"};
    c.scope = "openid profile";
    return c;
  }();
};

TEST_F(AuthorizeLimits, OpaqueValuesAtTheirCapsAreKept) {
  auto r =
      run(with(with(with(base(), "state", std::string(kMaxStateBytes, 's')), "nonce", std::string(kMaxNonceBytes, 'n')),
               "login_hint", std::string(kMaxLoginHintBytes, 'h')));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_EQ(r->request.state.size(), kMaxStateBytes);
  EXPECT_EQ(r->request.nonce.size(), kMaxNonceBytes);
  EXPECT_EQ(r->request.login_hint.size(), kMaxLoginHintBytes);
}

TEST_F(AuthorizeLimits, StateOverItsCapIsInvalidRequest) {
  auto r = run(with(base(), "state", std::string(kMaxStateBytes + 1, 's')));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request);
  EXPECT_TRUE(r.error().error.redirectable);
}

TEST_F(AuthorizeLimits, NonceOverItsCapIsInvalidRequest) {
  auto r = run(with(base(), "nonce", std::string(kMaxNonceBytes + 1, 'n')));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request);
}

TEST_F(AuthorizeLimits, LoginHintOverItsCapIsInvalidRequest) {
  auto r = run(with(base(), "login_hint", std::string(kMaxLoginHintBytes + 1, 'h')));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error.code, ErrorCode::invalid_request);
}

// RFC 8252 §7.3 lets the port of a loopback redirect URI vary — over TCP port numbers, not over
// arbitrary digit strings that would be stored with the interaction and echoed in the redirect.
TEST_F(AuthorizeLimits, LoopbackPortMustBeAPortNumber) {
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1:65535/native", "http://127.0.0.1/native"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:65536/native", "http://127.0.0.1/native"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:000000080/native", "http://127.0.0.1/native"));
  EXPECT_FALSE(
      redirect_uri_matches("http://127.0.0.1:" + std::string(10'000, '9') + "/native", "http://127.0.0.1/native"));
  auto r = run(with(base(), "redirect_uri", "http://127.0.0.1:" + std::string(10'000, '1') + "/native"));
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().error.redirectable);
}

// Everything the interaction row holds is bounded: the opaque values by their caps, scopes by the
// token cap and the client's registration, the redirect URI by the registered one plus a port.
TEST_F(AuthorizeLimits, StoredRequestStaysSmallWithEveryValueAtItsCap) {
  auto r = run(with(
      with(with(with(base(), "state", std::string(kMaxStateBytes, 's')), "nonce", std::string(kMaxNonceBytes, 'n')),
           "login_hint", std::string(kMaxLoginHintBytes, 'h')),
      "redirect_uri", "http://127.0.0.1:65535/native"));
  ASSERT_TRUE(r.ok()) << r.error().error.description;
  EXPECT_LT(to_json(r->request).size(), 4096u);
}

}  // namespace
}  // namespace authly::oauth::authorize
