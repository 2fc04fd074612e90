// Store contract: signing keys, browser sessions, consents, the audit trail.
#include <gmock/gmock.h>

#include <atomic>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;
using store::KeyState;

store::SigningKey make_key(const std::string& kid, TimePoint created_at) {
  store::SigningKey k;
  k.kid = kid;
  k.alg = "ES256";
  k.public_jwk = R"({"kty":"EC","crv":"P-256","kid":")" + kid + R"("})";
  k.private_key_enc = "ciphertext-" + kid;
  k.created_at = created_at;
  return k;
}

TEST_P(StoreContract, SigningKeysListOldestFirstAndRoundTrip) {
  db().keys().create(make_key("k2", kT0 + seconds(2)));
  db().keys().create(make_key("k1", kT0 + seconds(1)));
  auto k3 = make_key("k3", kT0 + seconds(3));
  k3.state = KeyState::retired;
  k3.activated_at = kT0 + seconds(4);
  k3.retired_at = kT0 + seconds(5);
  k3.remove_after = kT0 + seconds(6);
  db().keys().create(k3);
  EXPECT_THROW(db().keys().create(make_key("k1", kT0)), store::Conflict);

  auto keys = db().keys().list();
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].kid, "k1");
  EXPECT_EQ(keys[1].kid, "k2");
  EXPECT_EQ(keys[2].kid, "k3");

  auto got = db().keys().find("k3");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->alg, "ES256");
  EXPECT_EQ(got->state, KeyState::retired);
  EXPECT_EQ(got->public_jwk, k3.public_jwk);
  EXPECT_EQ(got->private_key_enc, "ciphertext-k3");
  EXPECT_EQ(got->created_at, k3.created_at);
  EXPECT_EQ(got->activated_at, k3.activated_at);
  EXPECT_EQ(got->retired_at, k3.retired_at);
  EXPECT_EQ(got->remove_after, k3.remove_after);
  EXPECT_FALSE(db().keys().find("nope"));
}

TEST_P(StoreContract, SigningKeyTransitionIsCompareAndSet) {
  db().keys().create(make_key("k1", kT0));
  EXPECT_FALSE(db().keys().transition("k1", KeyState::active, KeyState::retired, kT0, std::nullopt));
  EXPECT_EQ(db().keys().find("k1")->state, KeyState::next);

  EXPECT_TRUE(db().keys().transition("k1", KeyState::next, KeyState::active, kT0 + seconds(10), std::nullopt));
  auto active = db().keys().find("k1");
  EXPECT_EQ(active->state, KeyState::active);
  EXPECT_EQ(active->activated_at, kT0 + seconds(10));
  EXPECT_FALSE(active->retired_at);
  EXPECT_FALSE(active->remove_after);
  EXPECT_FALSE(db().keys().transition("k1", KeyState::next, KeyState::active, kT0 + seconds(11), std::nullopt));

  EXPECT_TRUE(
      db().keys().transition("k1", KeyState::active, KeyState::retired, kT0 + seconds(20), kT0 + seconds(3620)));
  auto retired = db().keys().find("k1");
  EXPECT_EQ(retired->state, KeyState::retired);
  EXPECT_EQ(retired->activated_at, kT0 + seconds(10));
  EXPECT_EQ(retired->retired_at, kT0 + seconds(20));
  EXPECT_EQ(retired->remove_after, kT0 + seconds(3620));
  EXPECT_FALSE(db().keys().transition("missing", KeyState::next, KeyState::active, kT0, std::nullopt));

  EXPECT_TRUE(db().keys().remove("k1"));
  EXPECT_FALSE(db().keys().remove("k1"));
  EXPECT_TRUE(db().keys().list().empty());
}

TEST_P(StoreContract, ConcurrentKeyPromotionHasExactlyOneWinner) {
  db().keys().create(make_key("k1", kT0));
  std::latch start(8);
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      if (db().keys().transition("k1", KeyState::next, KeyState::active, kT0, std::nullopt)) ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
}

class SessionContract : public StoreContract {
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

INSTANTIATE_TEST_SUITE_P(Backends, SessionContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(SessionContract, FindActiveExcludesEndedAndExpiredSessions) {
  db().sessions().create(make_session("live", "u1", kT0 + seconds(100)));
  db().sessions().create(make_session("ended", "u1", kT0 + seconds(100)));
  db().sessions().create(make_session("expired", "u1", kT0 + seconds(10)));
  EXPECT_TRUE(db().sessions().end("ended", kT0 + seconds(5)));

  auto live = db().sessions().find_active("live", kT0 + seconds(20));
  ASSERT_TRUE(live);
  EXPECT_EQ(live->user_id, "u1");
  EXPECT_EQ(live->sid, "sid-live");
  EXPECT_EQ(live->amr, "pwd");
  EXPECT_EQ(live->acr, "urn:authly:acr:pwd");
  EXPECT_EQ(live->auth_time, kT0);
  EXPECT_EQ(live->expires_at, kT0 + seconds(100));
  EXPECT_FALSE(live->ended_at);

  EXPECT_FALSE(db().sessions().find_active("ended", kT0 + seconds(20)));
  EXPECT_FALSE(db().sessions().find_active("expired", kT0 + seconds(20)));
  EXPECT_FALSE(db().sessions().find_active("live", kT0 + seconds(100)));  // expires_at is exclusive
  EXPECT_FALSE(db().sessions().find_active("nope", kT0));

  // find_by_sid returns the row whatever its state (back-channel logout of an ended session).
  auto ended = db().sessions().find_by_sid("sid-ended");
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->ended_at, kT0 + seconds(5));
  EXPECT_FALSE(db().sessions().find_by_sid("sid-nope"));
}

// authly_sessions_active: neither ended nor expired at the instant asked (expiry exclusive).
TEST_P(SessionContract, CountActiveCountsOnlyLiveSessions) {
  EXPECT_EQ(db().sessions().count_active(kT0), 0);
  db().sessions().create(make_session("live", "u1", kT0 + seconds(100)));
  db().sessions().create(make_session("other-user", "u2", kT0 + seconds(100)));
  db().sessions().create(make_session("ended", "u1", kT0 + seconds(100)));
  db().sessions().create(make_session("expired", "u1", kT0 + seconds(10)));
  EXPECT_TRUE(db().sessions().end("ended", kT0 + seconds(5)));
  EXPECT_EQ(db().sessions().count_active(kT0 + seconds(5)), 3);
  EXPECT_EQ(db().sessions().count_active(kT0 + seconds(10)), 2);
  EXPECT_EQ(db().sessions().count_active(kT0 + seconds(100)), 0);
}

TEST_P(SessionContract, TouchAndEnd) {
  db().sessions().create(make_session("s1", "u1", kT0 + seconds(100)));
  EXPECT_TRUE(db().sessions().touch("s1", kT0 + seconds(30)));
  EXPECT_EQ(db().sessions().find_active("s1", kT0 + seconds(31))->last_seen_at, kT0 + seconds(30));
  EXPECT_TRUE(db().sessions().end("s1", kT0 + seconds(40)));
  EXPECT_FALSE(db().sessions().end("s1", kT0 + seconds(41)));  // already ended
  EXPECT_FALSE(db().sessions().touch("s1", kT0 + seconds(42)));
  EXPECT_EQ(db().sessions().find_by_sid("sid-s1")->ended_at, kT0 + seconds(40));
  EXPECT_FALSE(db().sessions().touch("nope", kT0));
}

TEST_P(SessionContract, EndAllForUserAndDeleteExpired) {
  db().sessions().create(make_session("a", "u1", kT0 + seconds(100)));
  db().sessions().create(make_session("b", "u1", kT0 + seconds(200)));
  db().sessions().create(make_session("c", "u2", kT0 + seconds(100)));
  EXPECT_EQ(db().sessions().end_all_for_user("u1", kT0 + seconds(1)), 2);
  EXPECT_EQ(db().sessions().end_all_for_user("u1", kT0 + seconds(2)), 0);
  EXPECT_TRUE(db().sessions().find_active("c", kT0 + seconds(3)));

  EXPECT_EQ(db().sessions().delete_expired(kT0 + seconds(150), 100), 2);
  EXPECT_FALSE(db().sessions().find_by_sid("sid-a"));
  EXPECT_TRUE(db().sessions().find_by_sid("sid-b"));
  EXPECT_FALSE(db().sessions().find_by_sid("sid-c"));
}

TEST_P(SessionContract, DuplicateSidIsConflict) {
  db().sessions().create(make_session("a", "u1", kT0 + seconds(100)));
  auto clash = make_session("b", "u1", kT0 + seconds(100));
  clash.sid = "sid-a";
  EXPECT_THROW(db().sessions().create(clash), store::Conflict);
}

TEST_P(SessionContract, ConsentUpsertReplacesScopeAndKeepsCreation) {
  EXPECT_FALSE(db().consents().find("u1", "c1"));
  db().consents().upsert({"u1", "c1", "openid profile", kT0, kT0});
  db().consents().upsert({"u1", "c1", "openid email", kT0 + seconds(50), kT0 + seconds(50)});
  auto got = db().consents().find("u1", "c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->scope, "openid email");
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->updated_at, kT0 + seconds(50));

  db().consents().upsert({"u1", "c2", "openid", kT0, kT0});
  db().consents().upsert({"u2", "c1", "openid", kT0, kT0});
  auto list = db().consents().list_for_user("u1");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].client_id, "c1");
  EXPECT_EQ(list[1].client_id, "c2");

  EXPECT_TRUE(db().consents().remove("u1", "c1"));
  EXPECT_FALSE(db().consents().remove("u1", "c1"));
  EXPECT_FALSE(db().consents().find("u1", "c1"));
  EXPECT_EQ(db().consents().list_for_user("u1").size(), 1u);
  EXPECT_TRUE(db().consents().find("u2", "c1"));
}

TEST_P(StoreContract, AuditAppendReturnsIncreasingIdsAndListsNewestFirst) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    store::AuditEvent e;
    e.at = kT0;  // same second: order must come from the id
    e.type = "user.created";
    e.actor = "cli";
    e.subject = cat("u", std::to_string(i));
    e.ip = "192.0.2.1";
    e.detail = cat(R"({"n":)", std::to_string(i), "}");
    ids.push_back(db().audit().append(e));
  }
  for (std::size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i], ids[i - 1]);

  auto recent = db().audit().list_recent(3);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0].id, ids[4]);
  EXPECT_EQ(recent[0].subject, "u4");
  EXPECT_EQ(recent[0].type, "user.created");
  EXPECT_EQ(recent[0].actor, "cli");
  EXPECT_EQ(recent[0].ip, "192.0.2.1");
  EXPECT_EQ(recent[0].detail, R"({"n":4})");
  EXPECT_EQ(recent[0].at, kT0);
  EXPECT_EQ(recent[2].id, ids[2]);
  EXPECT_EQ(db().audit().list_recent(100).size(), 5u);
}

// The audit writer's batches: one multi-row INSERT per 16 events on the SQL store, in order.
TEST_P(StoreContract, AuditAppendAllKeepsTheOrderAcrossStatements) {
  db().audit().append_all({});  // nothing to write: no statement, no error
  std::vector<store::AuditEvent> events;
  for (int i = 0; i < 250; ++i) {
    store::AuditEvent e;
    e.at = kT0 + std::chrono::seconds(i % 3);
    e.type = "token.issued";
    e.actor = cat("client-", std::to_string(i));
    e.subject = cat("u", std::to_string(i));
    e.ip = i % 2 == 0 ? "192.0.2.1" : "";
    e.detail = cat(R"({"n":)", std::to_string(i), "}");
    events.push_back(e);
  }
  db().audit().append_all(events);
  const auto recent = db().audit().list_recent(1'000);  // newest (highest id) first
  ASSERT_EQ(recent.size(), 250u);
  for (int i = 0; i < 250; ++i) {
    const auto& got = recent[static_cast<std::size_t>(249 - i)];
    EXPECT_EQ(got.subject, cat("u", std::to_string(i)));
    EXPECT_EQ(got.actor, cat("client-", std::to_string(i)));
    EXPECT_EQ(got.ip, i % 2 == 0 ? "192.0.2.1" : "");
    EXPECT_EQ(got.detail, cat(R"({"n":)", std::to_string(i), "}"));
    EXPECT_EQ(got.at, kT0 + std::chrono::seconds(i % 3));
  }
}

}  // namespace
}  // namespace authly::test
