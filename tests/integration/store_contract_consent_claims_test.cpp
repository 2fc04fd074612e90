// Store contract: a consent records the claims granted individually through the OIDC `claims`
// parameter next to its scopes (migration 008), on both backends.
#include <gmock/gmock.h>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

class ConsentClaimsContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    db().users().create(make_user("u1", "alice", "alice@example.com"));
    db().clients().create(make_client("c1"));
    db().clients().create(make_client("c2"));
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, ConsentClaimsContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(ConsentClaimsContract, UpsertStoresAndReplacesTheConsentedClaims) {
  store::Consent c{"u1", "c1", "openid", kT0, kT0, "email given_name"};
  db().consents().upsert(c);
  auto got = db().consents().find("u1", "c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->scope, "openid");
  EXPECT_EQ(got->claims, "email given_name");

  c.claims = "email given_name picture";
  c.updated_at = kT0 + seconds(5);
  db().consents().upsert(c);
  got = db().consents().find("u1", "c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->claims, "email given_name picture");
  EXPECT_EQ(got->created_at, kT0);

  auto listed = db().consents().list_for_user("u1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].claims, "email given_name picture");
}

TEST_P(ConsentClaimsContract, ConsentWithoutClaimsReadsBackEmpty) {
  db().consents().upsert({"u1", "c2", "openid profile", kT0, kT0});
  auto got = db().consents().find("u1", "c2");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->claims, "");
}

}  // namespace
}  // namespace authly::test
