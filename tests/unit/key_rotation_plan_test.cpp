// The signing key state machine as a plain function (oauth/keys/rotation_plan.hpp): one test per
// rule, each failing if its rule is removed, plus how the options derive from the configuration.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "oauth/keys/key_manager_options.hpp"
#include "oauth/keys/rotation_plan.hpp"

namespace authly::oauth::keys {
namespace {

using namespace std::chrono_literals;
using Kind = KeyStep::Kind;
using store::KeyState;

const core::TimePoint kNow = core::from_unix(1'700'000'000);

KeyManagerOptions options() {
  KeyManagerOptions o;
  o.rotation_period = 1000s;
  o.publish_lead = 600s;
  o.retire_retention = 900s;
  o.race_loser_published_for = 100s;
  return o;
}

store::SigningKey key(std::string kid, KeyState state, std::chrono::seconds age, std::string alg = "ES256") {
  store::SigningKey k;
  k.kid = std::move(kid);
  k.alg = std::move(alg);
  k.state = state;
  k.created_at = kNow - age;
  if (state != KeyState::next) k.activated_at = kNow - age;
  return k;
}

store::SigningKey retired(std::string kid, std::optional<core::TimePoint> remove_after) {
  auto k = key(std::move(kid), KeyState::retired, 5000s);
  k.remove_after = remove_after;
  return k;
}

TEST(KeyRotationPlan, StagesANextKeyOnceTheActiveKeyIsRotationPeriodOld) {
  const auto steps = plan_rotation({key("a", KeyState::active, 1000s)}, kNow, options());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, Kind::stage);
  EXPECT_EQ(steps[0].alg, jose::Algorithm::ES256);
  EXPECT_TRUE(plan_rotation({key("a", KeyState::active, 999s)}, kNow, options()).empty());
}

TEST(KeyRotationPlan, RotationPeriodCountsFromActivationNotCreation) {
  auto a = key("a", KeyState::active, 5000s);
  a.activated_at = kNow - 10s;  // staged long ago, signing only recently
  EXPECT_TRUE(plan_rotation({a}, kNow, options()).empty());
}

TEST(KeyRotationPlan, ZeroRotationPeriodNeverStages) {
  auto o = options();
  o.rotation_period = 0s;
  EXPECT_TRUE(plan_rotation({key("a", KeyState::active, 1000 * 86400s)}, kNow, o).empty());
}

TEST(KeyRotationPlan, DoesNotStageWhileANextKeyWaits) {
  EXPECT_TRUE(
      plan_rotation({key("a", KeyState::active, 2000s), key("n", KeyState::next, 10s)}, kNow, options()).empty());
}

TEST(KeyRotationPlan, NextKeyIsNotPromotedBeforeThePublishLead) {
  EXPECT_TRUE(
      plan_rotation({key("a", KeyState::active, 2000s), key("n", KeyState::next, 599s)}, kNow, options()).empty());
}

TEST(KeyRotationPlan, PromotionRetiresTheActiveKeyFirstKeepingItForTheRetention) {
  const auto steps =
      plan_rotation({key("a", KeyState::active, 2000s), key("n", KeyState::next, 600s)}, kNow, options());
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].kind, Kind::retire);
  EXPECT_EQ(steps[0].kid, "a");
  EXPECT_EQ(steps[0].remove_after, kNow + 900s);
  EXPECT_EQ(steps[1].kind, Kind::promote);
  EXPECT_EQ(steps[1].kid, "n");
}

TEST(KeyRotationPlan, ReadyNextKeyIsPromotedWhenNoKeyIsActive) {
  const auto steps = plan_rotation({key("n", KeyState::next, 600s)}, kNow, options());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, Kind::promote);
}

TEST(KeyRotationPlan, RetiredKeyIsRemovedOnlyOnceItsRemoveAfterHasPassed) {
  const auto steps = plan_rotation({retired("gone", kNow), retired("kept", kNow + 1s), retired("legacy", std::nullopt)},
                                   kNow, options());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, Kind::remove);
  EXPECT_EQ(steps[0].kid, "gone");
}

TEST(KeyRotationPlan, SurplusNextKeysAreDiscardedKeepingTheOldest) {
  const auto steps =
      plan_rotation({key("a", KeyState::active, 10s), key("n2", KeyState::next, 20s), key("n1", KeyState::next, 30s)},
                    kNow, options());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].kind, Kind::discard);
  EXPECT_EQ(steps[0].kid, "n2");
}

TEST(KeyRotationPlan, SeveralActiveKeysKeepTheOldestAndRetireTheRestForTheLongerGrace) {
  const auto steps = plan_rotation(
      {key("young", KeyState::active, 10s), key("old", KeyState::active, 30s), key("n", KeyState::next, 700s)}, kNow,
      options());
  ASSERT_EQ(steps.size(), 1u) << "race repair comes before any promotion";
  EXPECT_EQ(steps[0].kind, Kind::retire);
  EXPECT_EQ(steps[0].kid, "young");
  EXPECT_EQ(steps[0].remove_after, kNow + 900s);  // max(race_loser_published_for, retire_retention)
}

TEST(KeyRotationPlan, AlgorithmsRotateIndependently) {
  const auto steps = plan_rotation({key("es", KeyState::active, 1000s), key("rs", KeyState::active, 10s, "RS256"),
                                    key("bogus", KeyState::active, 5000s, "none")},
                                   kNow, options());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].alg, jose::Algorithm::ES256);
}

TEST(KeyManagerOptionsFromConfig, RetentionCoversTheLongestTokenPlusReloadAndSkew) {
  config::Config c;
  c.oauth.access_token_ttl_s = 600;
  c.oidc.id_token_ttl_s = 3600;
  c.keys.reload_interval_s = 30;
  c.keys.rotation_period_s = 86400;
  const auto o = options_from(c);
  EXPECT_EQ(o.retire_retention, 3600s + 30s + 60s);
  EXPECT_EQ(o.reload_interval, 30s);
  EXPECT_EQ(o.rotation_period, 86400s);
  c.oauth.access_token_ttl_s = 7200;
  EXPECT_EQ(options_from(c).retire_retention, 7200s + 30s + 60s);
}

TEST(KeyManagerOptionsFromConfig, PublishLeadCoversReloadPlusJwksCaching) {
  config::Config c;
  c.keys.publish_lead_s = 3600;
  c.keys.jwks_max_age_s = 300;
  c.keys.reload_interval_s = 60;
  EXPECT_EQ(options_from(c).publish_lead, 3600s);
  c.keys.publish_lead_s = 300;  // config only guarantees >= jwks_max_age_s
  EXPECT_EQ(options_from(c).publish_lead, 360s);
  c.keys.rotation_period_s = 0;
  EXPECT_EQ(options_from(c).rotation_period, 0s);
}

}  // namespace
}  // namespace authly::oauth::keys
