// private_key_jwt client assertions (RFC 7523 §3, OIDC Core §9).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "jose/jws.hpp"
#include "oauth/client_auth/private_key_jwt.hpp"

namespace authly::oauth {
namespace {

using std::chrono::seconds;

// Only the jti bookkeeping matters here.
class JtiOnlyTokens final : public store::TokenRepository {
 public:
  bool record_assertion_jti(const std::string& client_id, const std::string& jti, store::TimePoint) override {
    return seen_.insert(client_id + "\n" + jti).second;
  }
  void create_refresh(const store::RefreshToken&) override {}
  std::optional<store::RefreshToken> find_refresh(const std::string&) override { return std::nullopt; }
  std::optional<store::RefreshToken> rotate_refresh(const std::string&, store::TimePoint) override {
    return std::nullopt;
  }
  std::int64_t revoke_family(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_session(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_user(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_client(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t delete_expired_refresh(store::TimePoint, std::int64_t) override { return 0; }
  void deny_access_token(const std::string&, store::TimePoint) override {}
  bool is_access_token_denied(const std::string&) override { return false; }
  std::vector<store::DeniedAccessToken> denied_since(std::int64_t, store::TimePoint, std::int64_t) override {
    return {};
  }
  std::int64_t purge_denied(store::TimePoint, std::int64_t) override { return 0; }
  void record_family_access_token(const std::string&, const std::string&, store::TimePoint) override {}
  std::int64_t deny_family_access_tokens(const std::string&) override { return 0; }
  std::int64_t deny_session_access_tokens(const std::string&) override { return 0; }

 private:
  std::set<std::string> seen_;
};

const core::TimePoint kNow = core::from_unix(1'800'000'000);
const std::string kAud = "https://id.example.test/auth/token";

class ClientAssertion : public ::testing::Test {
 protected:
  ClientAssertion()
      : key_(jose::SigningKey::generate(jose::Algorithm::ES256)), keys_(std::vector<jose::Jwk>{key_.public_jwk()}) {
    rules_.audiences = {"https://id.example.test", kAud};
    rules_.now = kNow;
  }
  boost::json::object claims(const std::string& jti = "jti-1") {
    return {
        {"iss", "c1"}, {"sub", "c1"}, {"aud", kAud}, {"exp", core::to_unix(kNow) + 60}, {"iat", core::to_unix(kNow)},
        {"jti", jti}};
  }
  core::Result<core::Ok, OAuthError> check(const boost::json::object& c) {
    return verify_client_assertion(jose::sign(key_, boost::json::serialize(c)), "c1", keys_, rules_, tokens_);
  }
  static bool is_invalid_client(const core::Result<core::Ok, OAuthError>& r) {
    return !r.ok() && r.error().code == ErrorCode::invalid_client;
  }

  jose::SigningKey key_;
  jose::JwkSet keys_;
  AssertionRules rules_;
  JtiOnlyTokens tokens_;
};

TEST_F(ClientAssertion, ValidAssertionIsAccepted) { EXPECT_TRUE(check(claims()).ok()); }

TEST_F(ClientAssertion, AudienceArrayContainingIssuerIsAccepted) {
  auto c = claims();
  c["aud"] = boost::json::array{"https://other.example", "https://id.example.test"};
  EXPECT_TRUE(check(c).ok());
}

TEST_F(ClientAssertion, JtiIsSingleUse) {
  EXPECT_TRUE(check(claims("same")).ok());
  EXPECT_TRUE(is_invalid_client(check(claims("same"))));
}

TEST_F(ClientAssertion, IssAndSubMustBeTheClient) {
  auto c = claims();
  c["sub"] = "c2";
  EXPECT_TRUE(is_invalid_client(check(c)));
  c = claims("j2");
  c["iss"] = "c2";
  EXPECT_TRUE(is_invalid_client(check(c)));
}

TEST_F(ClientAssertion, WrongAudienceIsInvalidClient) {
  auto c = claims();
  c["aud"] = "https://elsewhere.example/token";
  EXPECT_TRUE(is_invalid_client(check(c)));
}

TEST_F(ClientAssertion, ExpMustBePresentFutureAndBounded) {
  auto c = claims("a");
  c.erase("exp");
  EXPECT_TRUE(is_invalid_client(check(c)));
  c = claims("b");
  c["exp"] = core::to_unix(kNow);
  EXPECT_TRUE(is_invalid_client(check(c)));
  c = claims("c");
  c["exp"] = core::to_unix(kNow) + 601;
  EXPECT_TRUE(is_invalid_client(check(c)));
}

// Found by fuzz/jose_fuzzer: an exp beyond what a TimePoint holds (1e300, or 17000006000600 s)
// overflowed the conversion (undefined behaviour; in practice "expired"). It saturates and is
// refused as too far in the future; absurd nbf and iat are refused or ignored without overflow.
TEST_F(ClientAssertion, OutOfRangeDatesAreRefusedWithoutOverflow) {
  int n = 0;
  for (const boost::json::value& exp : {boost::json::value(1e300), boost::json::value(17'000'006'000'600),
                                        boost::json::value(18'446'744'073'709'551'615ull)}) {
    auto c = claims("far-" + std::to_string(n++));
    c["exp"] = exp;
    auto r = check(c);
    ASSERT_TRUE(is_invalid_client(r));
    EXPECT_NE(r.error().detail.find("too far in the future"), std::string::npos) << r.error().detail;
  }
  auto c = claims("nbf");
  c["nbf"] = 1e300;
  EXPECT_TRUE(is_invalid_client(check(c)));
  c = claims("iat");
  c["iat"] = -1e300;
  EXPECT_TRUE(check(c).ok());
}

TEST_F(ClientAssertion, JtiIsRequired) {
  auto c = claims();
  c.erase("jti");
  EXPECT_TRUE(is_invalid_client(check(c)));
}

TEST_F(ClientAssertion, FutureNbfIsInvalidClient) {
  auto c = claims();
  c["nbf"] = core::to_unix(kNow) + 3600;
  EXPECT_TRUE(is_invalid_client(check(c)));
}

TEST_F(ClientAssertion, KeyOutsideTheClientSetIsInvalidClient) {
  auto other = jose::SigningKey::generate(jose::Algorithm::ES256);
  auto r = verify_client_assertion(jose::sign(other, boost::json::serialize(claims())), "c1", keys_, rules_, tokens_);
  EXPECT_TRUE(is_invalid_client(r));
}

TEST_F(ClientAssertion, FailedAssertionDoesNotSpendItsJti) {
  auto c = claims("keep");
  c["aud"] = "https://elsewhere.example";
  EXPECT_FALSE(check(c).ok());
  EXPECT_TRUE(check(claims("keep")).ok());
}

TEST_F(ClientAssertion, UnverifiedClientIdComesFromSubThenIss) {
  EXPECT_EQ(assertion_client_id_unverified(jose::sign(key_, boost::json::serialize(claims()))), "c1");
  EXPECT_FALSE(assertion_client_id_unverified("not.a"));
  EXPECT_FALSE(assertion_client_id_unverified("a.!!.c"));
}

}  // namespace
}  // namespace authly::oauth
