// Store contract: login/consent interactions (server-side authorization request state).
#include <gmock/gmock.h>

#include <atomic>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;

store::Interaction make_interaction(const std::string& id_hash, const std::string& client_id, TimePoint expires_at) {
  store::Interaction i;
  i.id_hash = id_hash;
  i.client_id = client_id;
  i.params = R"({"client_id":")" + client_id + R"(","state":"xyz"})";
  i.csrf_hash = "csrf-" + id_hash;
  i.created_at = kT0;
  i.expires_at = expires_at;
  return i;
}

class InteractionContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    db().clients().create(make_client("c1"));
    db().users().create(make_user("u1", "alice", "alice@example.com"));
  }
};

TEST_P(InteractionContract, CreateAndFindRoundTrip) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  auto got = db().interactions().find_active("ih1", kT0 + seconds(1));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id_hash, "ih1");
  EXPECT_EQ(got->client_id, "c1");
  EXPECT_EQ(got->params, R"({"client_id":"c1","state":"xyz"})");
  EXPECT_EQ(got->csrf_hash, "csrf-ih1");
  EXPECT_EQ(got->user_id, "");
  EXPECT_FALSE(got->auth_time);
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->expires_at, kT0 + seconds(600));
  EXPECT_FALSE(db().interactions().find_active("other", kT0));
  EXPECT_THROW(db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600))), store::Conflict);
}

TEST_P(InteractionContract, ExpiredInteractionIsInvisible) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  EXPECT_TRUE(db().interactions().find_active("ih1", kT0 + seconds(599)));
  EXPECT_FALSE(db().interactions().find_active("ih1", kT0 + seconds(600)));
  EXPECT_FALSE(db().interactions().set_user("ih1", "u1", kT0, kT0 + seconds(600)));
  EXPECT_FALSE(db().interactions().complete("ih1", kT0 + seconds(601)));
}

TEST_P(InteractionContract, SetUserRecordsAuthentication) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  EXPECT_TRUE(db().interactions().set_user("ih1", "u1", kT0 + seconds(5), kT0 + seconds(6)));
  auto got = db().interactions().find_active("ih1", kT0 + seconds(7));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->user_id, "u1");
  EXPECT_EQ(got->auth_time, kT0 + seconds(5));
  EXPECT_FALSE(db().interactions().set_user("missing", "u1", kT0, kT0));
}

TEST_P(InteractionContract, SetCsrfReplacesTheHash) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  EXPECT_TRUE(db().interactions().set_csrf("ih1", "new-hash", kT0 + seconds(1)));
  EXPECT_EQ(db().interactions().find_active("ih1", kT0 + seconds(1))->csrf_hash, "new-hash");
  EXPECT_FALSE(db().interactions().set_csrf("ih1", "later", kT0 + seconds(600)));
  EXPECT_EQ(db().interactions().find_active("ih1", kT0 + seconds(1))->csrf_hash, "new-hash");
}

TEST_P(InteractionContract, CompleteDeletesAndReturnsOnce) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  ASSERT_TRUE(db().interactions().set_user("ih1", "u1", kT0, kT0));
  auto first = db().interactions().complete("ih1", kT0 + seconds(1));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->user_id, "u1");
  EXPECT_EQ(first->params, R"({"client_id":"c1","state":"xyz"})");
  EXPECT_FALSE(db().interactions().complete("ih1", kT0 + seconds(2)));
  EXPECT_FALSE(db().interactions().find_active("ih1", kT0 + seconds(2)));
}

TEST_P(InteractionContract, RacingCompletionsHaveOneWinner) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  constexpr int kThreads = 4;
  std::atomic<int> wins{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      if (db().interactions().complete("ih1", kT0 + seconds(1))) ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
}

TEST_P(InteractionContract, RemoveAndDeleteExpired) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(10)));
  db().interactions().create(make_interaction("ih2", "c1", kT0 + seconds(20)));
  db().interactions().create(make_interaction("ih3", "c1", kT0 + seconds(30)));
  EXPECT_TRUE(db().interactions().remove("ih3"));
  EXPECT_FALSE(db().interactions().remove("ih3"));
  EXPECT_EQ(db().interactions().delete_expired(kT0 + seconds(10), 100), 1);
  EXPECT_FALSE(db().interactions().find_active("ih1", kT0));
  EXPECT_TRUE(db().interactions().find_active("ih2", kT0));
}

TEST_P(InteractionContract, DeletedUserOrClientTakesInteractionsAlong) {
  db().interactions().create(make_interaction("ih1", "c1", kT0 + seconds(600)));
  ASSERT_TRUE(db().interactions().set_user("ih1", "u1", kT0, kT0));
  db().clients().create(make_client("c2"));
  db().interactions().create(make_interaction("ih2", "c2", kT0 + seconds(600)));
  EXPECT_TRUE(db().users().remove("u1"));
  EXPECT_FALSE(db().interactions().find_active("ih1", kT0));
  EXPECT_TRUE(db().clients().remove("c2"));
  EXPECT_FALSE(db().interactions().find_active("ih2", kT0));
}

TEST_P(InteractionContract, UnknownClientIsRefused) {
  EXPECT_ANY_THROW(db().interactions().create(make_interaction("ih1", "nope", kT0 + seconds(600))));
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace authly::test
