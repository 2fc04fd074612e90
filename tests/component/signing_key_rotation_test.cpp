// Signing key rotation on a real SQLite store with a fixed clock (DESIGN.md §4,
// docs/key-rotation.md): a staged key is published before it signs, the replaced key keeps
// verifying until its tokens have expired and is then removed, and instances sharing one
// database converge. (This tier, not unit/, because it needs the SQL store.)
#include <gtest/gtest.h>

#include <barrier>
#include <set>
#include <thread>

#include "oauth/access_token.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/keys/sealed_key.hpp"
#include "oauth/signing_keys.hpp"
#include "support/process.hpp"

namespace authly::oauth {
namespace {

using jose::Algorithm;
using store::KeyState;
using namespace std::chrono_literals;

std::unique_ptr<store::Store> memory_store() {
  auto s = store::open_store({.url = "sqlite::memory:", .pool_size = 2, .connect_timeout_ms = 5'000});
  s->migrate();
  return s;
}

const std::string kMaster(32, 'k');

core::TimePoint start_time() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Short, distinct periods so each rule shows on its own: rotate after 1000 s, sign 600 s after
// staging, keep the replaced key published 900 s (a 780 s token lifetime + reload + skew).
keys::KeyManagerOptions rotating() {
  keys::KeyManagerOptions o;
  o.reload_interval = 60s;
  o.rotation_period = 1000s;
  o.publish_lead = 600s;
  o.retire_retention = 900s;
  return o;
}

std::vector<store::SigningKey> rows_of(store::Store& s, std::string_view alg, KeyState state) {
  std::vector<store::SigningKey> out;
  for (auto& k : s.keys().list())
    if (k.alg == alg && k.state == state) out.push_back(std::move(k));
  return out;
}

bool is_published(SigningKeys& keys, const std::string& kid) { return keys.published()->find_kid(kid) != nullptr; }

class KeyRotation : public ::testing::Test {
 protected:
  std::shared_ptr<SigningKeys> instance(keys::KeyManagerOptions options = rotating()) {
    std::shared_ptr<SigningKeys> keys = keys::make_signing_keys(*store_, kMaster, rng_, clock_, options);
    instances_.push_back(keys);
    return keys;
  }
  // What each instance's maintenance scheduler does every reload interval.
  void maintain_all() {
    for (const auto& keys : instances_) keys->maintain();
  }
  // Every step in these tests is at least the reload interval (60 s): each instance's scheduler
  // has run the state machine once, and the next request re-reads the table.
  void advance(std::chrono::seconds d) {
    ASSERT_GE(d, 60s);
    clock_.advance(d);
    maintain_all();
  }

  std::unique_ptr<store::Store> store_ = memory_store();
  core::SystemRandom rng_;
  core::FixedClock clock_{start_time()};
  std::vector<std::shared_ptr<SigningKeys>> instances_;
};

// Requests only read the key table: however overdue a rotation is, a token or JWKS request moves
// nothing; the maintenance run does.
TEST_F(KeyRotation, RequestsNeverMoveKeysTheMaintenanceRunDoes) {
  auto keys = instance();
  const auto old_kid = keys->active(Algorithm::ES256)->kid();
  const auto rows_before = store_->keys().list().size();
  clock_.advance(1000s + 600s + 900s);  // rotation, promotion and removal all due
  keys->published();
  keys->jwks_json();
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), old_kid);
  EXPECT_EQ(store_->keys().list().size(), rows_before);
  EXPECT_TRUE(rows_of(*store_, "ES256", KeyState::next).empty());
  keys->maintain();
  EXPECT_EQ(rows_of(*store_, "ES256", KeyState::next).size(), 1u);
  EXPECT_TRUE(is_published(*keys, rows_of(*store_, "ES256", KeyState::next).at(0).kid)) << "installed at once";
}

TEST_F(KeyRotation, AutomaticRotationPublishesANextKeyThatDoesNotSignYet) {
  auto keys = instance();
  const auto old_kid = keys->active(Algorithm::ES256)->kid();
  advance(940s);
  keys->published();
  EXPECT_TRUE(rows_of(*store_, "ES256", KeyState::next).empty()) << "staged before rotation_period";
  advance(60s);
  keys->published();
  const auto next = rows_of(*store_, "ES256", KeyState::next);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_TRUE(is_published(*keys, next[0].kid));
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), old_kid);
  EXPECT_NE(keys->jwks_json().find(next[0].kid), std::string::npos);
}

TEST_F(KeyRotation, NoAutomaticRotationWhenThePeriodIsZero) {
  auto options = rotating();
  options.rotation_period = 0s;
  auto keys = instance(options);
  const auto kid = keys->active(Algorithm::ES256)->kid();
  advance(400 * 86400s);
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), kid);
  EXPECT_TRUE(rows_of(*store_, "ES256", KeyState::next).empty());
}

TEST_F(KeyRotation, NextKeySignsOnlyAfterThePublishLead) {
  auto keys = instance();
  const auto old_kid = keys->active(Algorithm::ES256)->kid();
  advance(1000s);
  keys->published();  // stages
  const auto new_kid = rows_of(*store_, "ES256", KeyState::next).at(0).kid;
  advance(540s);
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), old_kid);
  advance(60s);
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), new_kid);
  const auto old_row = store_->keys().find(old_kid);
  ASSERT_TRUE(old_row);
  EXPECT_EQ(old_row->state, KeyState::retired);
  EXPECT_EQ(old_row->remove_after, clock_.now() + 900s);
  EXPECT_EQ(rows_of(*store_, "ES256", KeyState::active).size(), 1u);
}

TEST_F(KeyRotation, RetiredKeyStaysPublishedUntilItsRetentionThenIsRemoved) {
  auto keys = instance();
  const auto old_kid = keys->active(Algorithm::ES256)->kid();
  advance(1000s);
  keys->published();
  advance(600s);
  keys->active(Algorithm::ES256);  // promoted; old_kid retired until now + 900 s
  advance(840s);
  EXPECT_TRUE(is_published(*keys, old_kid));
  EXPECT_TRUE(store_->keys().find(old_kid));
  advance(60s);
  EXPECT_FALSE(is_published(*keys, old_kid));
  EXPECT_FALSE(store_->keys().find(old_kid)) << "a retired key past remove_after stays in the table";
  EXPECT_EQ(keys->jwks_json().find(old_kid), std::string::npos);
}

// The issue's scenario: an access token signed just before the rotation still verifies after it,
// for as long as it lives.
TEST_F(KeyRotation, TokenSignedBeforeRotationStillVerifiesAfterIt) {
  auto keys = instance();
  const auto old_key = keys->active(Algorithm::ES256);
  advance(1000s);
  keys->published();
  advance(540s);
  ASSERT_EQ(keys->active(Algorithm::ES256)->kid(), old_key->kid());
  AccessTokenClaims claims;
  claims.issuer = "https://id.example.test";
  claims.subject = "user-1";
  claims.client_id = "app";
  claims.audience = {"https://api.example.test"};
  claims.scope = "read";
  claims.jti = "jti-1";
  claims.issued_at = clock_.now();
  claims.expires_at = clock_.now() + 780s;
  const auto token = issue_access_token(*keys->active(Algorithm::ES256), claims);

  advance(60s);
  ASSERT_NE(keys->active(Algorithm::ES256)->kid(), old_key->kid()) << "no rotation happened";
  auto verified = verify_access_token(token, *keys->published(), claims.issuer, clock_.now(), store_->tokens());
  EXPECT_TRUE(verified) << "right after the rotation";
  advance(719s);  // one second before the token expires
  verified = verify_access_token(token, *keys->published(), claims.issuer, clock_.now(), store_->tokens());
  EXPECT_TRUE(verified) << "at the end of the token's life";
  // A second instance that never saw the old key active verifies it too (it reads the table).
  auto other = instance();
  EXPECT_TRUE(verify_access_token(token, *other->published(), claims.issuer, clock_.now(), store_->tokens()));
}

TEST_F(KeyRotation, RotateStagesANextKeyAndRepeatingItReportsTheSameKey) {
  auto keys = instance();
  const auto old_kid = keys->active(Algorithm::RS256)->kid();
  const auto report = keys->rotate(Algorithm::RS256, "test");
  EXPECT_TRUE(report.created);
  EXPECT_EQ(report.alg, Algorithm::RS256);
  EXPECT_EQ(report.replaces, old_kid);
  EXPECT_EQ(report.signs_from, report.created_at + 600s);
  const auto row = store_->keys().find(report.kid);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, KeyState::next);
  EXPECT_TRUE(is_published(*keys, report.kid)) << "published at once by the instance that staged it";
  EXPECT_EQ(keys->active(Algorithm::RS256)->kid(), old_kid);

  const auto again = keys->rotate(Algorithm::RS256, "test");
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.kid, report.kid);
  EXPECT_EQ(rows_of(*store_, "RS256", KeyState::next).size(), 1u);

  bool audited = false;
  for (const auto& e : store_->audit().list_recent(20))
    if (e.type == "key.rotated" && e.subject == report.kid && e.actor == "test") audited = true;
  EXPECT_TRUE(audited);

  advance(600s);
  EXPECT_EQ(keys->active(Algorithm::RS256)->kid(), report.kid);
}

TEST_F(KeyRotation, RotateRefusesAMasterKeyThatDoesNotOpenTheKeysInUse) {
  instance()->active(Algorithm::ES256);
  auto wrong = keys::make_signing_keys(*store_, std::string(32, 'w'), rng_, clock_, rotating());
  EXPECT_THROW(wrong->rotate(Algorithm::ES256, "test"), std::runtime_error);
  EXPECT_TRUE(rows_of(*store_, "ES256", KeyState::next).empty());
  EXPECT_THROW(instance()->rotate(Algorithm::HS256, "test"), std::invalid_argument);
}

TEST_F(KeyRotation, SecondInstanceFollowsARotationMadeByTheFirst) {
  auto a = instance();
  auto b = instance();
  const auto old_kid = a->active(Algorithm::ES256)->kid();
  EXPECT_EQ(b->active(Algorithm::ES256)->kid(), old_kid);
  const auto staged = a->rotate(Algorithm::ES256, "test").kid;
  advance(60s);  // b's reload interval
  EXPECT_TRUE(is_published(*b, staged));
  advance(540s);
  // Whichever instance reloads first promotes; both then sign with the new key.
  EXPECT_EQ(b->active(Algorithm::ES256)->kid(), staged);
  EXPECT_EQ(a->active(Algorithm::ES256)->kid(), staged);
  EXPECT_EQ(a->jwks_etag(), b->jwks_etag());
  EXPECT_TRUE(is_published(*a, old_kid));
}

// Leftovers of races between instances (two staged keys, two active keys) are repaired by the
// maintenance run: the oldest of each wins, as every instance decides the same way.
TEST_F(KeyRotation, SurplusNextAndActiveKeysConvergeToTheOldest) {
  const auto now = clock_.now();
  auto insert = [&](KeyState state, std::chrono::seconds age) {
    auto row = keys::seal_signing_key(jose::SigningKey::generate(Algorithm::EdDSA), kMaster, rng_, now - age);
    row.state = state;
    if (state == KeyState::active) row.activated_at = now - age;
    store_->keys().create(row);
    return row.kid;
  };
  const auto active_old = insert(KeyState::active, 50s);
  const auto active_young = insert(KeyState::active, 40s);
  const auto next_old = insert(KeyState::next, 30s);
  const auto next_young = insert(KeyState::next, 20s);
  auto a = instance();
  auto b = instance();
  maintain_all();
  EXPECT_EQ(a->active(Algorithm::EdDSA)->kid(), active_old);
  EXPECT_EQ(b->active(Algorithm::EdDSA)->kid(), active_old);
  EXPECT_EQ(store_->keys().find(active_young)->state, KeyState::retired);
  EXPECT_FALSE(store_->keys().find(next_young)) << "a discarded next key never signed and goes at once";
  EXPECT_EQ(rows_of(*store_, "EdDSA", KeyState::active).size(), 1u);
  EXPECT_EQ(rows_of(*store_, "EdDSA", KeyState::next).size(), 1u);
  advance(600s);
  EXPECT_EQ(a->active(Algorithm::EdDSA)->kid(), next_old);
  EXPECT_EQ(b->active(Algorithm::EdDSA)->kid(), next_old);
  EXPECT_EQ(rows_of(*store_, "EdDSA", KeyState::active).size(), 1u);
}

// Two instances over one database file run maintenance at the same moment once the rotation is due, again
// once the staged key is due, and once the retired key is due: every time the table ends with one
// active key, and both sign with it.
TEST(KeyRotationRace, InstancesRacingThroughARotationConverge) {
  for (int round = 0; round < 3; ++round) {
    test::TempDir dir;
    const std::string url = "sqlite://" + dir.path() + "/keys.db";
    auto store_a = store::open_store({.url = url, .pool_size = 2, .connect_timeout_ms = 5'000});
    store_a->migrate();
    auto store_b = store::open_store({.url = url, .pool_size = 2, .connect_timeout_ms = 5'000});
    core::SystemRandom rng_a;
    core::SystemRandom rng_b;
    core::FixedClock clock(start_time());
    auto a = keys::make_signing_keys(*store_a, kMaster, rng_a, clock, rotating());
    auto b = keys::make_signing_keys(*store_b, kMaster, rng_b, clock, rotating());
    const auto first = a->active(Algorithm::ES256)->kid();
    ASSERT_EQ(b->active(Algorithm::ES256)->kid(), first);

    auto race = [&] {
      std::barrier start(2);
      auto reload = [&](SigningKeys& keys) {
        start.arrive_and_wait();
        keys.maintain();
        keys.active(Algorithm::ES256);
      };
      std::thread ta(reload, std::ref(*a));
      std::thread tb(reload, std::ref(*b));
      ta.join();
      tb.join();
    };
    clock.advance(1000s);
    race();
    EXPECT_EQ(rows_of(*store_a, "ES256", KeyState::active).size(), 1u) << "round " << round;
    EXPECT_LE(rows_of(*store_a, "ES256", KeyState::next).size(), 1u) << "round " << round;
    clock.advance(600s);
    race();
    const auto active = rows_of(*store_a, "ES256", KeyState::active);
    ASSERT_EQ(active.size(), 1u) << "round " << round;
    EXPECT_NE(active[0].kid, first) << "round " << round;
    EXPECT_TRUE(rows_of(*store_a, "ES256", KeyState::next).empty()) << "round " << round;
    EXPECT_EQ(a->active(Algorithm::ES256)->kid(), active[0].kid);
    EXPECT_EQ(b->active(Algorithm::ES256)->kid(), active[0].kid);
    clock.advance(900s);
    race();
    EXPECT_FALSE(store_a->keys().find(first)) << "round " << round;
    EXPECT_EQ(a->jwks_etag(), b->jwks_etag());
  }
}

}  // namespace
}  // namespace authly::oauth
