// Store contract: single-use client-assertion jtis (RFC 7523 §3) and the access tokens recorded per
// code/refresh family so that a replay can deny them.
#include <gmock/gmock.h>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

class AssertionContract : public StoreContract {};

INSTANTIATE_TEST_SUITE_P(Backends, AssertionContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(AssertionContract, AssertionJtiIsAcceptedOncePerClient) {
  EXPECT_TRUE(db().tokens().record_assertion_jti("c1", "jti-1", kT0 + seconds(300)));
  EXPECT_FALSE(db().tokens().record_assertion_jti("c1", "jti-1", kT0 + seconds(300)));
  EXPECT_FALSE(db().tokens().record_assertion_jti("c1", "jti-1", kT0 + seconds(600)));
  // Another client's jti space is its own.
  EXPECT_TRUE(db().tokens().record_assertion_jti("c2", "jti-1", kT0 + seconds(300)));
  EXPECT_TRUE(db().tokens().record_assertion_jti("c1", "jti-2", kT0 + seconds(300)));
}

TEST_P(AssertionContract, AssertionJtiUsableInsideTransaction) {
  bool first = false;
  bool second = true;
  db().transaction([&](store::Store& tx) {
    first = tx.tokens().record_assertion_jti("c1", "jti-tx", kT0 + seconds(300));
    second = tx.tokens().record_assertion_jti("c1", "jti-tx", kT0 + seconds(300));
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);  // and the transaction still committed (no aborted PostgreSQL transaction)
  EXPECT_FALSE(db().tokens().record_assertion_jti("c1", "jti-tx", kT0 + seconds(300)));
}

TEST_P(AssertionContract, SessionAccessTokensAreDeniedExceptOfflineFamilies) {
  db().users().create(make_user("u1", "alice", "alice@example.com"));
  db().clients().create(make_client("c1"));
  // Two codes approved by session "s1" (one became an offline_access family), one by "s2".
  auto code = [&](const std::string& hash, const std::string& session, const std::string& family) {
    auto c = make_code(hash, "c1", "u1", kT0 + seconds(60));
    c.session_id = session;
    db().codes().create(c);
    ASSERT_TRUE(db().codes().consume(hash, "c1", kT0, family));
  };
  code("k1", "s1", "fam-online");
  code("k2", "s1", "fam-offline");
  code("k3", "s2", "fam-other");
  auto offline = make_refresh("r1", "fam-offline", "c1", "u1", "");
  offline.offline = true;
  db().tokens().create_refresh(offline);
  db().tokens().record_family_access_token("fam-online", "at-1", kT0 + seconds(600));
  db().tokens().record_family_access_token("fam-online", "at-2", kT0 + seconds(600));
  db().tokens().record_family_access_token("fam-offline", "at-3", kT0 + seconds(600));
  db().tokens().record_family_access_token("fam-other", "at-4", kT0 + seconds(600));

  EXPECT_EQ(db().tokens().deny_session_access_tokens("s1"), 2);
  EXPECT_TRUE(db().tokens().is_access_token_denied("at-1"));
  EXPECT_TRUE(db().tokens().is_access_token_denied("at-2"));
  EXPECT_FALSE(db().tokens().is_access_token_denied("at-3"));    // offline_access outlives the session
  EXPECT_FALSE(db().tokens().is_access_token_denied("at-4"));    // another session's
  EXPECT_EQ(db().tokens().deny_session_access_tokens("s1"), 0);  // idempotent
  EXPECT_EQ(db().tokens().deny_session_access_tokens(""), 0);
}

TEST_P(AssertionContract, PurgeDropsExpiredAssertionJtis) {
  ASSERT_TRUE(db().tokens().record_assertion_jti("c1", "old", kT0 + seconds(10)));
  ASSERT_TRUE(db().tokens().record_assertion_jti("c1", "new", kT0 + seconds(1000)));
  db().tokens().purge_denied(kT0 + seconds(100), 100);
  EXPECT_TRUE(db().tokens().record_assertion_jti("c1", "old", kT0 + seconds(10)));
  EXPECT_FALSE(db().tokens().record_assertion_jti("c1", "new", kT0 + seconds(1000)));
}

TEST_P(AssertionContract, FamilyAccessTokensAreDeniedTogether) {
  db().tokens().record_family_access_token("fam-a", "at-1", kT0 + seconds(600));
  db().tokens().record_family_access_token("fam-a", "at-2", kT0 + seconds(900));
  db().tokens().record_family_access_token("fam-b", "at-3", kT0 + seconds(600));
  EXPECT_FALSE(db().tokens().is_access_token_denied("at-1"));

  EXPECT_EQ(db().tokens().deny_family_access_tokens("fam-a"), 2);
  EXPECT_TRUE(db().tokens().is_access_token_denied("at-1"));
  EXPECT_TRUE(db().tokens().is_access_token_denied("at-2"));
  EXPECT_FALSE(db().tokens().is_access_token_denied("at-3"));
  // Idempotent: already denied tokens are not counted twice, and an empty family denies nothing.
  EXPECT_EQ(db().tokens().deny_family_access_tokens("fam-a"), 0);
  EXPECT_EQ(db().tokens().deny_family_access_tokens(""), 0);
  // The deny-list keeps each token's own expiry. Purged: at-1's deny-list row and the family
  // records of at-1 and at-3.
  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(700), 100), 3);
  EXPECT_FALSE(db().tokens().is_access_token_denied("at-1"));
  EXPECT_TRUE(db().tokens().is_access_token_denied("at-2"));
}

TEST_P(AssertionContract, RecordingTheSameAccessTokenTwiceIsHarmless) {
  db().tokens().record_family_access_token("fam-a", "at-1", kT0 + seconds(600));
  EXPECT_NO_THROW(db().tokens().record_family_access_token("fam-a", "at-1", kT0 + seconds(600)));
  EXPECT_EQ(db().tokens().deny_family_access_tokens("fam-a"), 1);
}

}  // namespace
}  // namespace authly::test
