// Store contract: authorization codes, refresh tokens, the access-token deny-list.
#include <gmock/gmock.h>

#include <atomic>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

// Runs fn on `threads` threads released together; returns how many returned true.
template <class Fn>
int race(int threads, Fn fn) {
  std::latch start(threads);
  std::atomic<int> wins{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      start.arrive_and_wait();
      try {
        if (fn()) ++wins;
      } catch (const std::exception& e) {
        ++errors;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : pool) t.join();
  EXPECT_EQ(errors.load(), 0);
  return wins.load();
}

class CodeAndTokenContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (HasFatalFailure()) return;
    db().users().create(make_user("u1", "alice", "alice@example.com"));
    db().users().create(make_user("u2", "bob", "bob@example.com"));
    db().clients().create(make_client("c1"));
    db().clients().create(make_client("c2"));
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, CodeAndTokenContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(CodeAndTokenContract, CodeRoundTripsAndIsConsumedOnce) {
  auto code = make_code("k1", "c1", "u1", kT0 + seconds(60));
  db().codes().create(code);

  auto found = db().codes().find("k1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->client_id, "c1");
  EXPECT_EQ(found->user_id, "u1");
  EXPECT_EQ(found->redirect_uri, code.redirect_uri);
  EXPECT_EQ(found->scope, code.scope);
  EXPECT_EQ(found->code_challenge, code.code_challenge);
  EXPECT_EQ(found->code_challenge_method, "S256");
  EXPECT_EQ(found->nonce, code.nonce);
  EXPECT_EQ(found->session_id, code.session_id);
  EXPECT_EQ(found->claims, code.claims);
  EXPECT_EQ(found->auth_time, kT0);
  EXPECT_EQ(found->expires_at, kT0 + seconds(60));
  EXPECT_FALSE(found->consumed_at);

  EXPECT_TRUE(found->family_id.empty());
  auto first = db().codes().consume("k1", "c1", kT0 + seconds(10), "fam-1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->code_hash, "k1");
  EXPECT_EQ(first->client_id, "c1");
  EXPECT_EQ(first->consumed_at, kT0 + seconds(10));
  EXPECT_EQ(first->family_id, "fam-1");  // named by the consume itself

  EXPECT_FALSE(db().codes().consume("k1", "c1", kT0 + seconds(11), "fam-2"));
  auto after = db().codes().find("k1");
  ASSERT_TRUE(after);  // still there, so a replay can be recognised, with the family to revoke
  EXPECT_EQ(after->consumed_at, kT0 + seconds(10));
  EXPECT_EQ(after->family_id, "fam-1");
  EXPECT_FALSE(db().codes().consume("unknown", "c1", kT0, "fam"));
}

TEST_P(CodeAndTokenContract, ExpiredCodeCannotBeConsumed) {
  db().codes().create(make_code("k1", "c1", "u1", kT0 + seconds(60)));
  EXPECT_FALSE(db().codes().consume("k1", "c1", kT0 + seconds(60), "fam"));  // expires_at is exclusive
  EXPECT_FALSE(db().codes().consume("k1", "c1", kT0 + seconds(61), "fam"));
  EXPECT_FALSE(db().codes().find("k1")->consumed_at);
  EXPECT_TRUE(db().codes().consume("k1", "c1", kT0 + seconds(59), "fam"));
}

TEST_P(CodeAndTokenContract, ConcurrentConsumeHasExactlyOneWinner) {
  for (int round = 0; round < 10; ++round) {
    std::string hash = cat("race-", std::to_string(round));
    db().codes().create(make_code(hash, "c1", "u1", kT0 + seconds(60)));
    EXPECT_EQ(race(8, [&] { return db().codes().consume(hash, "c1", kT0 + seconds(1), "fam").has_value(); }), 1)
        << round;
  }
}

TEST_P(CodeAndTokenContract, DeleteExpiredCodes) {
  db().codes().create(make_code("old", "c1", "u1", kT0 + seconds(10)));
  db().codes().create(make_code("new", "c1", "u1", kT0 + seconds(100)));

  EXPECT_EQ(db().codes().delete_expired(kT0 + seconds(50), 100), 1);
  EXPECT_FALSE(db().codes().find("old"));
  EXPECT_TRUE(db().codes().find("new"));
}

TEST_P(CodeAndTokenContract, CodeForAnUnknownClientIsAnErrorButNoConflict) {
  try {
    db().codes().create(make_code("k1", "no-such-client", "u1", kT0 + seconds(60)));
    FAIL() << "foreign key not enforced";
  } catch (const store::Conflict&) {
    FAIL() << "a foreign-key failure is not a unique clash";
  } catch (const store::StoreError&) {
  }
}

TEST_P(CodeAndTokenContract, RefreshTokenRoundTrips) {
  auto t = make_refresh("r1", "f1", "c1", "u1", "s1");
  t.parent_hash = "r0";
  t.offline = true;
  db().tokens().create_refresh(t);
  auto got = db().tokens().find_refresh("r1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->family_id, "f1");
  EXPECT_EQ(got->parent_hash, "r0");
  EXPECT_EQ(got->client_id, "c1");
  EXPECT_EQ(got->user_id, "u1");
  EXPECT_EQ(got->scope, t.scope);
  EXPECT_EQ(got->session_id, "s1");
  EXPECT_TRUE(got->offline);
  EXPECT_EQ(got->auth_time, t.auth_time);
  EXPECT_EQ(got->created_at, t.created_at);
  EXPECT_EQ(got->expires_at, t.expires_at);
  EXPECT_EQ(got->idle_expires_at, t.idle_expires_at);
  EXPECT_FALSE(got->rotated_at);
  EXPECT_FALSE(got->revoked_at);

  // A grant without a user keeps its empty user_id.
  db().tokens().create_refresh(make_refresh("r2", "f2", "c1", "", ""));
  EXPECT_EQ(db().tokens().find_refresh("r2")->user_id, "");
  EXPECT_THROW(db().tokens().create_refresh(t), store::Conflict);
}

TEST_P(CodeAndTokenContract, RefreshTokenRotatesOnce) {
  db().tokens().create_refresh(make_refresh("r1", "f1", "c1", "u1", "s1"));
  auto rotated = db().tokens().rotate_refresh("r1", kT0 + seconds(5));
  ASSERT_TRUE(rotated);
  EXPECT_EQ(rotated->token_hash, "r1");
  EXPECT_EQ(rotated->family_id, "f1");
  EXPECT_FALSE(rotated->rotated_at);  // the row as it was
  EXPECT_FALSE(db().tokens().rotate_refresh("r1", kT0 + seconds(6)));
  EXPECT_EQ(db().tokens().find_refresh("r1")->rotated_at, kT0 + seconds(5));

  db().tokens().create_refresh(make_refresh("r2", "f2", "c1", "u1", "s1"));
  db().tokens().revoke_family("f2", kT0);
  EXPECT_FALSE(db().tokens().rotate_refresh("r2", kT0 + seconds(1)));  // revoked cannot rotate
  EXPECT_FALSE(db().tokens().rotate_refresh("unknown", kT0));
}

TEST_P(CodeAndTokenContract, ConcurrentRotationHasExactlyOneWinner) {
  for (int round = 0; round < 10; ++round) {
    std::string hash = cat("race-", std::to_string(round));
    db().tokens().create_refresh(make_refresh(hash, "f" + hash, "c1", "u1", "s1"));
    EXPECT_EQ(race(8, [&] { return db().tokens().rotate_refresh(hash, kT0 + seconds(1)).has_value(); }), 1) << round;
  }
}

TEST_P(CodeAndTokenContract, RevokeFamilySessionUserAndClient) {
  db().tokens().create_refresh(make_refresh("a1", "fa", "c1", "u1", "s1"));
  db().tokens().create_refresh(make_refresh("a2", "fa", "c1", "u1", "s1"));
  db().tokens().create_refresh(make_refresh("b1", "fb", "c1", "u1", "s2"));
  db().tokens().create_refresh(make_refresh("c1t", "fc", "c2", "u2", "s3"));
  db().tokens().create_refresh(make_refresh("d1", "fd", "c2", "u1", ""));

  EXPECT_EQ(db().tokens().revoke_family("fa", kT0 + seconds(1)), 2);
  EXPECT_EQ(db().tokens().revoke_family("fa", kT0 + seconds(2)), 0);          // already revoked
  EXPECT_EQ(db().tokens().find_refresh("a1")->revoked_at, kT0 + seconds(1));  // first time kept
  EXPECT_FALSE(db().tokens().find_refresh("b1")->revoked_at);

  EXPECT_EQ(db().tokens().revoke_for_session("s2", kT0 + seconds(3)), 1);
  EXPECT_TRUE(db().tokens().find_refresh("b1")->revoked_at);
  EXPECT_EQ(db().tokens().revoke_for_session("", kT0), 0);  // "" is "no session", not a session
  EXPECT_FALSE(db().tokens().find_refresh("d1")->revoked_at);

  EXPECT_EQ(db().tokens().revoke_for_user("u1", kT0 + seconds(4)), 1);  // only d1 was still live
  EXPECT_TRUE(db().tokens().find_refresh("d1")->revoked_at);
  EXPECT_FALSE(db().tokens().find_refresh("c1t")->revoked_at);

  EXPECT_EQ(db().tokens().revoke_for_client("c2", kT0 + seconds(5)), 1);
  EXPECT_TRUE(db().tokens().find_refresh("c1t")->revoked_at);
}

TEST_P(CodeAndTokenContract, DeleteExpiredRefreshTokensByEitherLifetime) {
  auto absolute = make_refresh("abs", "f1", "c1", "u1", "");
  absolute.expires_at = kT0 + seconds(100);
  absolute.idle_expires_at = kT0 + seconds(1000);
  auto idle = make_refresh("idle", "f2", "c1", "u1", "");
  idle.expires_at = kT0 + seconds(1000);
  idle.idle_expires_at = kT0 + seconds(100);
  auto live = make_refresh("live", "f3", "c1", "u1", "");
  live.expires_at = kT0 + seconds(1000);
  live.idle_expires_at = kT0 + seconds(1000);
  for (const auto& t : {absolute, idle, live}) db().tokens().create_refresh(t);

  EXPECT_EQ(db().tokens().delete_expired_refresh(kT0 + seconds(500), 100), 2);
  EXPECT_FALSE(db().tokens().find_refresh("abs"));
  EXPECT_FALSE(db().tokens().find_refresh("idle"));
  EXPECT_TRUE(db().tokens().find_refresh("live"));
}

TEST_P(CodeAndTokenContract, DenyListIsIdempotentAndPurgedAfterExpiry) {
  EXPECT_FALSE(db().tokens().is_access_token_denied("jti-1"));
  db().tokens().deny_access_token("jti-1", kT0 + seconds(100));
  db().tokens().deny_access_token("jti-1", kT0 + seconds(100));  // no Conflict
  db().tokens().deny_access_token("jti-2", kT0 + seconds(300));
  EXPECT_TRUE(db().tokens().is_access_token_denied("jti-1"));
  EXPECT_TRUE(db().tokens().is_access_token_denied("jti-2"));
  EXPECT_FALSE(db().tokens().is_access_token_denied("jti-3"));

  EXPECT_EQ(db().tokens().purge_denied(kT0 + seconds(200), 100), 1);
  EXPECT_FALSE(db().tokens().is_access_token_denied("jti-1"));
  EXPECT_TRUE(db().tokens().is_access_token_denied("jti-2"));
}

// Concurrent revocations are written together (store/cached/cached_token_repository.hpp): more
// rows than one INSERT holds, a repeated jti, a jti listed already.
TEST_P(CodeAndTokenContract, DenyListTakesManyRowsAtOnceInSeqOrder) {
  db().tokens().deny_access_token("jti-0", kT0 + seconds(100));
  std::vector<store::DeniedAccessToken> rows;
  for (int i = 0; i < 70; ++i) rows.push_back({"jti-" + std::to_string(i), kT0 + seconds(100 + i), 0});
  rows.push_back({"jti-5", kT0 + seconds(105), 0});
  db().tokens().deny_access_tokens(rows);
  for (int i = 0; i < 70; ++i) EXPECT_TRUE(db().tokens().is_access_token_denied("jti-" + std::to_string(i))) << i;
  EXPECT_FALSE(db().tokens().is_access_token_denied("jti-70"));

  const auto listed = db().tokens().denied_since(-1, kT0, 1'000);
  ASSERT_EQ(listed.size(), 70u);
  for (std::size_t i = 1; i < listed.size(); ++i) EXPECT_LT(listed[i - 1].seq, listed[i].seq);
  EXPECT_EQ(listed[0].jti, "jti-0");
  EXPECT_EQ(listed[69].expires_at, kT0 + seconds(169));
}

}  // namespace
}  // namespace authly::test
