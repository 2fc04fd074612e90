// The database-backed signing keys on a real SQLite store: sealing at rest, reload by a second
// instance, wrong master key, JWKS contents, and two instances racing to create the first key.
#include "oauth/signing_keys.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <boost/json/parse.hpp>
#include <thread>

#include "core/base64url.hpp"
#include "crypto/aead.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/keys/sealed_key.hpp"
#include "support/process.hpp"

namespace authly::oauth {
namespace {

using jose::Algorithm;
using namespace std::chrono_literals;

std::unique_ptr<store::Store> memory_store() {
  auto s = store::open_store({.url = "sqlite::memory:", .pool_size = 2, .connect_timeout_ms = 5'000});
  s->migrate();
  return s;
}

std::string master_key(char fill) { return std::string(32, fill); }

core::TimePoint start_time() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

int active_count(store::Store& s, std::string_view alg) {
  int n = 0;
  for (const auto& k : s.keys().list())
    if (k.alg == alg && k.state == store::KeyState::active) ++n;
  return n;
}

TEST(SigningKeys, SecondInstanceOnSameStoreUsesTheSameKey) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto first = make_signing_keys(*s, master_key('k'), rng, clock);
  const auto kid = first->active(Algorithm::ES256)->kid();
  EXPECT_FALSE(kid.empty());
  auto second = make_signing_keys(*s, master_key('k'), rng, clock);
  EXPECT_EQ(second->active(Algorithm::ES256)->kid(), kid);
  EXPECT_EQ(active_count(*s, "ES256"), 1);
  EXPECT_EQ(first->jwks_etag(), second->jwks_etag());
}

TEST(SigningKeys, KidIsTheRfc7638Thumbprint) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  const auto key = keys->active(Algorithm::EdDSA);
  EXPECT_EQ(key->kid(), key->public_jwk().thumbprint());
}

TEST(SigningKeys, PrivateKeyIsSealedAtRest) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  const auto kid = keys->active(Algorithm::RS256)->kid();
  const auto row = s->keys().find(kid);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->private_key_enc.find("PRIVATE KEY"), std::string::npos);
  const auto sealed = core::base64url_decode(row->private_key_enc);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->find("PRIVATE KEY"), std::string::npos);
  // It opens under the master key with the kid as associated data, and only so.
  const auto pem = crypto::aead_open(master_key('k'), *sealed, kid);
  ASSERT_TRUE(pem);
  EXPECT_NE(pem->find("BEGIN PRIVATE KEY"), std::string::npos);
  EXPECT_FALSE(crypto::aead_open(master_key('k'), *sealed, "another-kid"));
  EXPECT_EQ(row->public_jwk.find("\"d\""), std::string::npos);
}

TEST(SigningKeys, WrongMasterKeyFailsNamingTheKid) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  const auto kid = make_signing_keys(*s, master_key('k'), rng, clock)->active(Algorithm::ES256)->kid();
  auto wrong = make_signing_keys(*s, master_key('w'), rng, clock);
  try {
    wrong->active(Algorithm::ES256);
    FAIL() << "a key sealed under another master key was opened";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(kid), std::string::npos) << message;
    EXPECT_NE(message.find("master key"), std::string::npos) << message;
    EXPECT_EQ(message.find("PRIVATE"), std::string::npos) << message;
  }
  EXPECT_THROW(make_signing_keys(*s, "short", rng, clock), std::invalid_argument);
}

TEST(SigningKeys, JwksHasPublicMembersOnly) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  for (auto alg : {Algorithm::ES256, Algorithm::RS256, Algorithm::PS256, Algorithm::EdDSA}) keys->active(alg);
  const auto doc = boost::json::parse(keys->jwks_json()).as_object();
  const auto& list = doc.at("keys").as_array();
  ASSERT_EQ(list.size(), 4u);
  for (const auto& v : list) {
    const auto& jwk = v.as_object();
    for (auto member : {"d", "p", "q", "dp", "dq", "qi", "k"}) EXPECT_FALSE(jwk.contains(member)) << member;
    EXPECT_EQ(jwk.at("use").as_string(), "sig");
    EXPECT_FALSE(jwk.at("kid").as_string().empty());
    EXPECT_TRUE(jwk.contains("alg"));
  }
  EXPECT_EQ(keys->published()->size(), 4u);
  // Strong ETag: a quoted opaque tag without the W/ prefix.
  const auto etag = keys->jwks_etag();
  EXPECT_TRUE(etag.size() > 2 && etag.front() == '"' && etag.back() == '"') << etag;
}

TEST(SigningKeys, PublishesNextAndRetiredUntilRemoval) {
  auto s = memory_store();
  core::SystemRandom rng;
  const auto now = start_time();
  core::FixedClock clock(now);
  auto seal = [&](store::KeyState state, std::optional<core::TimePoint> remove_after) {
    auto row = keys::seal_signing_key(jose::SigningKey::generate(Algorithm::ES256), master_key('k'), rng, now - 10s);
    row.state = state;
    row.remove_after = remove_after;
    s->keys().create(row);
    return row.kid;
  };
  const auto next = seal(store::KeyState::next, std::nullopt);
  const auto retired_kept = seal(store::KeyState::retired, now + 1h);
  const auto retired_gone = seal(store::KeyState::retired, now - 1s);
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  const auto published = keys->published();
  EXPECT_TRUE(published->find_kid(next));
  EXPECT_TRUE(published->find_kid(retired_kept));
  EXPECT_FALSE(published->find_kid(retired_gone));
  EXPECT_EQ(keys->jwks_json().find(retired_gone), std::string::npos);
  // With no active key, the pre-published `next` key is promoted rather than a new one made.
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), next);
  EXPECT_EQ(s->keys().find(next)->state, store::KeyState::active);
}

TEST(SigningKeys, TwoActiveKeysSignWithTheOldest) {
  auto s = memory_store();
  core::SystemRandom rng;
  const auto now = start_time();
  core::FixedClock clock(now);
  std::vector<std::string> kids;
  for (auto age : {5s, 20s}) {
    auto row = keys::seal_signing_key(jose::SigningKey::generate(Algorithm::ES256), master_key('k'), rng, now - age);
    row.state = store::KeyState::active;
    s->keys().create(row);
    kids.push_back(row.kid);
  }
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  EXPECT_EQ(keys->active(Algorithm::ES256)->kid(), kids[1]);
}

TEST(SigningKeys, OtherInstancesSeeNewKeysAfterTheReloadInterval) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto a = make_signing_keys(*s, master_key('k'), rng, clock);
  auto b = make_signing_keys(*s, master_key('k'), rng, clock);
  a->active(Algorithm::ES256);
  EXPECT_EQ(b->published()->size(), 1u);  // an empty view is re-read at once
  a->active(Algorithm::EdDSA);
  EXPECT_EQ(b->published()->size(), 1u);  // within the interval b keeps its snapshot
  clock.advance(61s);
  EXPECT_EQ(b->published()->size(), 2u);
  EXPECT_EQ(a->jwks_etag(), b->jwks_etag());
}

TEST(SigningKeys, Hs256IsRefused) {
  auto s = memory_store();
  core::SystemRandom rng;
  core::FixedClock clock(start_time());
  auto keys = make_signing_keys(*s, master_key('k'), rng, clock);
  EXPECT_THROW(keys->active(Algorithm::HS256), std::invalid_argument);
}

// Two instances sharing one database file race on first use; the store must end with exactly one
// active key per algorithm, and after a reload both instances sign with it.
TEST(SigningKeys, RacingInstancesEndWithOneActiveKeyPerAlg) {
  for (int round = 0; round < 4; ++round) {
    test::TempDir dir;
    const std::string url = "sqlite://" + dir.path() + "/keys.db";
    auto store_a = store::open_store({.url = url, .pool_size = 2, .connect_timeout_ms = 5'000});
    store_a->migrate();
    auto store_b = store::open_store({.url = url, .pool_size = 2, .connect_timeout_ms = 5'000});
    core::SystemRandom rng_a;
    core::SystemRandom rng_b;
    core::FixedClock clock(start_time());
    auto a = make_signing_keys(*store_a, master_key('k'), rng_a, clock);
    auto b = make_signing_keys(*store_b, master_key('k'), rng_b, clock);

    std::barrier start(2);
    auto race = [&](SigningKeys& keys) {
      start.arrive_and_wait();
      keys.active(Algorithm::ES256);
      keys.active(Algorithm::EdDSA);
    };
    std::thread ta(race, std::ref(*a));
    std::thread tb(race, std::ref(*b));
    ta.join();
    tb.join();

    EXPECT_EQ(active_count(*store_a, "ES256"), 1) << "round " << round;
    EXPECT_EQ(active_count(*store_a, "EdDSA"), 1) << "round " << round;
    clock.advance(61s);
    EXPECT_EQ(a->active(Algorithm::ES256)->kid(), b->active(Algorithm::ES256)->kid());
    EXPECT_EQ(a->active(Algorithm::EdDSA)->kid(), b->active(Algorithm::EdDSA)->kid());
  }
}

}  // namespace
}  // namespace authly::oauth
