// OIDC Core §8: a pairwise client must never learn the internal user id. Everything it can read
// names the user by its pairwise subject: the ID token, the access token's `sub` (whatever the
// grant), introspection of either token. Authly's own resource endpoints still find the user.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/base64url.hpp"
#include "oidc/subject.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

// The JWT's payload, decoded without verification (the tests below read what a client reads).
boost::json::object payload_of(const std::string& jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return {};
  auto json = core::base64url_decode(std::string_view(jwt).substr(first + 1, second - first - 1));
  if (!json) return {};
  auto v = boost::json::parse(*json);
  return v.is_object() ? v.as_object() : boost::json::object{};
}

class PairwiseSubject : public TokenServer {
 protected:
  void configure(config::Config& c) override { c.oauth.password_grant = true; }
  void SetUp() override {
    TokenServer::SetUp();
    if (HasFatalFailure()) return;
    auto web = store_->clients().find("web");
    ASSERT_TRUE(web);
    web->subject_type = "pairwise";
    web->grant_types.push_back("password");
    ASSERT_TRUE(store_->clients().update(*web));
    expected_ = oidc::subject_for(*web, alice_id_, pairwise_key());
    ASSERT_NE(expected_, alice_id_);
  }
  HttpResponse userinfo(const std::string& access_token) {
    return request(server_->port(), "GET", "/oidc/userinfo", {{"Authorization", "Bearer " + access_token}}, "");
  }
  boost::json::object introspect(const std::string& token) {
    return json_of(as_web("/auth/introspect", {{"token", token}}));
  }
  std::string expected_;
};

TEST_F(PairwiseSubject, AccessTokenSubIsTheIdTokenSub) {
  auto tokens = json_of(exchange(add_code("web")));
  const auto id_sub = str(payload_of(str(tokens, "id_token")), "sub");
  const auto access_sub = str(payload_of(str(tokens, "access_token")), "sub");
  EXPECT_EQ(id_sub, expected_);
  EXPECT_EQ(access_sub, id_sub);
  EXPECT_NE(access_sub, alice_id_);
  // Nothing else in the access token spells the user id either.
  EXPECT_EQ(str(tokens, "access_token").find(core::base64url_encode(alice_id_)), std::string::npos);
  for (const auto& kv : payload_of(str(tokens, "access_token"))) {
    if (kv.value().is_string()) {
      EXPECT_EQ(std::string(kv.value().as_string()).find(alice_id_), std::string::npos) << kv.key();
    }
  }
}

TEST_F(PairwiseSubject, RefreshedAndPasswordGrantAccessTokensUseThePairwiseSub) {
  auto tokens = json_of(exchange(add_code("web")));
  auto refreshed = json_of(
      as_web("/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", str(tokens, "refresh_token")}}));
  EXPECT_EQ(str(payload_of(str(refreshed, "access_token")), "sub"), expected_);
  auto password = json_of(
      as_web("/auth/token",
             {{"grant_type", "password"}, {"username", "alice"}, {"password", kUserPassword}, {"scope", "openid"}}));
  ASSERT_FALSE(str(password, "access_token").empty()) << boost::json::serialize(password);
  EXPECT_EQ(str(payload_of(str(password, "access_token")), "sub"), expected_);
}

TEST_F(PairwiseSubject, IntrospectionShowsThePairwiseSub) {
  auto tokens = json_of(exchange(add_code("web")));
  auto at = introspect(str(tokens, "access_token"));
  ASSERT_TRUE(at.contains("active") && at.at("active").as_bool());
  EXPECT_EQ(str(at, "sub"), expected_);
  auto rt = introspect(str(tokens, "refresh_token"));
  ASSERT_TRUE(rt.contains("active") && rt.at("active").as_bool());
  EXPECT_EQ(str(rt, "sub"), expected_);
}

TEST_F(PairwiseSubject, UserinfoServesThePairwiseTokenAndRefusesADisabledUser) {
  auto tokens = json_of(exchange(add_code("web")));
  const auto access = str(tokens, "access_token");
  auto info = userinfo(access);
  ASSERT_EQ(info.status, 200) << info.body;
  EXPECT_EQ(str(json_of(info), "sub"), expected_);
  EXPECT_EQ(str(json_of(info), "given_name"), "Alice");

  ASSERT_TRUE(store_->users().set_active(alice_id_, false, clock_.now()));
  EXPECT_EQ(userinfo(access).status, 401);
  EXPECT_FALSE(active(access));
  EXPECT_FALSE(active(str(tokens, "refresh_token")));
}

}  // namespace
}  // namespace authly::test
