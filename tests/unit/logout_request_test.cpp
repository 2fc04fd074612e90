// RP-Initiated Logout 1.0 request rules (oidc/logout_request.hpp): the client it names, the
// registered post_logout_redirect_uri (§3, exact string match), and when a hint names the session.
#include "oidc/logout_request.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "jose/jws.hpp"
#include "support/memory_store.hpp"

namespace authly::oidc {
namespace {

constexpr std::string_view kIssuer = "https://id.example.test";

class OneKey final : public oauth::SigningKeys {
 public:
  explicit OneKey(const jose::SigningKey& key) : key_(std::make_shared<const jose::SigningKey>(key)) {}
  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm) override { return key_; }
  std::shared_ptr<const jose::JwkSet> published() override {
    return std::make_shared<const jose::JwkSet>(jose::JwkSet{{key_->public_jwk()}});
  }
  std::string jwks_json() override { return published()->serialize(); }
  std::string jwks_etag() override { return "\"x\""; }

 private:
  std::shared_ptr<const jose::SigningKey> key_;
};

class LogoutRequestRules : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::memory_store(false);
    store::Client c = test::test_client("app");
    c.post_logout_redirect_uris = {"https://app.example/bye"};
    store_->clients().create(c);
    store_->clients().create(test::test_client("other"));
  }
  std::string hint(std::string aud, std::string sub = "user-1", std::string sid = "sid-1") const {
    boost::json::object claims{
        {"iss", kIssuer}, {"sub", sub}, {"aud", aud}, {"iat", 1'800'000'000}, {"exp", 1'800'003'600}};
    if (!sid.empty()) claims["sid"] = sid;
    return jose::sign(key_, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(claims));
  }
  core::Result<LogoutRequest, LogoutRefusal> validate(LogoutParams p) {
    return validate_logout_request({*store_, keys_, kIssuer}, p);
  }
  store::Session session(std::string user_id, std::string sid) const {
    store::Session s;
    s.user_id = std::move(user_id);
    s.sid = std::move(sid);
    return s;
  }

  jose::SigningKey key_ = jose::SigningKey::generate(jose::Algorithm::ES256, "k1");
  OneKey keys_{key_};
  std::unique_ptr<store::Store> store_;
};

TEST_F(LogoutRequestRules, ARegisteredRedirectUriIsKeptWithStateAndClient) {
  auto r = validate({hint("app"), "", "https://app.example/bye", "st"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->client->id, "app");
  EXPECT_EQ(r->post_logout_redirect_uri, "https://app.example/bye");
  EXPECT_EQ(r->state, "st");
}

// §3: registered URIs only, compared as strings (a trailing slash is another URI).
TEST_F(LogoutRequestRules, AnUnregisteredRedirectUriIsRefused) {
  EXPECT_FALSE(validate({"", "app", "https://app.example/bye/", ""}));
  EXPECT_FALSE(validate({"", "app", "https://evil.example/bye", ""}));
}

TEST_F(LogoutRequestRules, ARedirectUriNeedsAClient) {
  EXPECT_FALSE(validate({"", "", "https://app.example/bye", ""}));
}

// §2: a client_id sent with the hint must be the client the ID token was issued to.
TEST_F(LogoutRequestRules, AClientIdOtherThanTheHintsAudienceIsRefused) {
  EXPECT_FALSE(validate({hint("app"), "other", "", ""}));
  EXPECT_TRUE(validate({hint("app"), "app", "", ""}));
}

TEST_F(LogoutRequestRules, AnUnknownOrDisabledClientIsRefused) {
  EXPECT_FALSE(validate({"", "nobody", "", ""}));
  auto c = *store_->clients().find("app");
  c.is_active = false;
  store_->clients().update(c);
  EXPECT_FALSE(validate({"", "app", "", ""}));
}

TEST_F(LogoutRequestRules, AHintSignedByAnotherKeyIsRefusedWithALogDetail) {
  const auto stranger = jose::SigningKey::generate(jose::Algorithm::ES256, "k2");
  boost::json::object claims{{"iss", kIssuer}, {"sub", "user-1"}, {"aud", "app"}, {"iat", 1}, {"exp", 2}};
  auto r =
      validate({jose::sign(stranger, jose::HeaderParams{.typ = "JWT"}, boost::json::serialize(claims)), "", "", ""});
  ASSERT_FALSE(r);
  EXPECT_FALSE(r.error().message.empty());
  EXPECT_FALSE(r.error().log_detail.empty());
}

// The hint names this browser's session only for the same user as the client sees it and the
// same sid: otherwise the user is asked, so a third party cannot log them out.
TEST_F(LogoutRequestRules, AHintNamesTheSessionOfItsSubjectAndSid) {
  auto r = validate({hint("app", "user-1", "sid-1"), "", "", ""});
  ASSERT_TRUE(r);
  EXPECT_TRUE(hint_names_session(*r, session("user-1", "sid-1"), "k"));
  EXPECT_FALSE(hint_names_session(*r, session("user-2", "sid-1"), "k"));
  EXPECT_FALSE(hint_names_session(*r, session("user-1", "sid-2"), "k"));
  auto no_hint = validate({"", "app", "", ""});
  ASSERT_TRUE(no_hint);
  EXPECT_FALSE(hint_names_session(*no_hint, session("user-1", "sid-1"), "k"));
}

}  // namespace
}  // namespace authly::oidc
