// Store contract: an authorization code is consumed only by the client it was issued to (RFC 6749
// §4.1.3). Another client's consume changes nothing, so the owner can still exchange it and a later
// attempt by the other client is not mistaken for the owner's replay.
#include <gmock/gmock.h>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

class CodeClientContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    db().users().create(make_user("u1", "alice", "alice@example.com"));
    db().clients().create(make_client("c1"));
    db().clients().create(make_client("c2"));
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CodeClientContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(CodeClientContract, ConsumeByAnotherClientChangesNothing) {
  db().codes().create(make_code("k1", "c1", "u1", kT0 + seconds(60)));
  EXPECT_FALSE(db().codes().consume("k1", "c2", kT0 + seconds(1), "fam-other"));
  auto row = db().codes().find("k1");
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->consumed_at);
  EXPECT_TRUE(row->family_id.empty());
  // The owner still consumes it, once.
  auto owned = db().codes().consume("k1", "c1", kT0 + seconds(2), "fam");
  ASSERT_TRUE(owned);
  EXPECT_EQ(owned->client_id, "c1");
  EXPECT_EQ(owned->consumed_at, kT0 + seconds(2));
  EXPECT_FALSE(db().codes().consume("k1", "c2", kT0 + seconds(3), "fam-other"));
  EXPECT_EQ(db().codes().find("k1")->consumed_at, kT0 + seconds(2));
  EXPECT_EQ(db().codes().find("k1")->family_id, "fam");
}

}  // namespace
}  // namespace authly::test
