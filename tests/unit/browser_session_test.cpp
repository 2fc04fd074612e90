// The browser session behind single sign-on (oidc/browser_session.hpp) and its lifetimes
// (oauth/session_lifetime.hpp): one rule for the authorization endpoint and the refresh grant.
#include "oidc/browser_session.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "crypto/hash.hpp"
#include "oauth/session_lifetime.hpp"
#include "support/memory_store.hpp"

namespace authly::oidc {
namespace {

using std::chrono::seconds;

const core::TimePoint kNow = core::from_unix(1'700'000'000);
constexpr seconds kIdle{3600};
constexpr seconds kAbsolute{86400};

// No client here registered a back-channel logout URI: nothing is signed or sent.
class NoKeys final : public oauth::SigningKeys {
 public:
  std::shared_ptr<const jose::SigningKey> active(jose::Algorithm) override { throw std::logic_error("no keys"); }
  std::shared_ptr<const jose::JwkSet> published() override { return std::make_shared<jose::JwkSet>(); }
  std::string jwks_json() override { return "{\"keys\":[]}"; }
  std::string jwks_etag() override { return "\"0\""; }
};

class NoBackchannel final : public BackchannelSender {
 public:
  void enqueue(LogoutDelivery) override { throw std::logic_error("nothing to deliver"); }
  bool drain(std::chrono::milliseconds) override { return true; }
  DeliveryCounts counts() const override { return {}; }
};

store::Session session_at(core::TimePoint last_seen) {
  auto s = new_session_row("u1", "hash-1", "sid-1", kNow - seconds(7200), kAbsolute);
  s.last_seen_at = last_seen;
  return s;
}

TEST(SessionLifetime, IdleOnceUnusedForTheIdleLifetime) {
  EXPECT_FALSE(oauth::session_idle_expired(session_at(kNow - kIdle + seconds(1)), kNow, kIdle));
  EXPECT_TRUE(oauth::session_idle_expired(session_at(kNow - kIdle), kNow, kIdle));
}

TEST(SessionLifetime, AliveUntilEndedExpiredOrIdle) {
  auto s = session_at(kNow - seconds(10));
  EXPECT_TRUE(oauth::session_alive(s, kNow, kIdle));
  EXPECT_FALSE(oauth::session_alive(s, s.expires_at, kIdle));  // absolute lifetime from sign-in
  s.ended_at = kNow - seconds(1);
  EXPECT_FALSE(oauth::session_alive(s, kNow, kIdle));
}

TEST(BrowserSession, ANewRowIsAPasswordSignInAtNow) {
  const auto s = new_session_row("u1", "h", "sid", kNow, kAbsolute);
  EXPECT_EQ(s.amr, "pwd");  // RFC 8176
  EXPECT_EQ(s.acr, "1");
  EXPECT_EQ(s.auth_time, kNow);
  EXPECT_EQ(s.last_seen_at, kNow);
  EXPECT_EQ(s.expires_at, kNow + kAbsolute);
  EXPECT_FALSE(s.ended_at);
}

class BrowserSessionStore : public ::testing::Test {
 protected:
  void SetUp() override { store_ = test::memory_store(); }
  BrowserSessionDeps deps() {
    return {*store_, {*store_, keys_, backchannel_, rng_, "https://op.example", "k"}, kIdle, kAbsolute};
  }

  std::unique_ptr<store::Store> store_;
  NoKeys keys_;
  NoBackchannel backchannel_;
  core::SystemRandom rng_;
};

TEST_F(BrowserSessionStore, AStartedSessionIsStoredByTheHashOfItsSecretAndResumes) {
  const auto started = start_session(deps(), "u1", std::nullopt, kNow);
  EXPECT_GE(started.secret.size(), 43u);
  EXPECT_EQ(started.session.id_hash, crypto::sha256_hex(started.secret));
  EXPECT_FALSE(store_->sessions().find(started.secret));  // never stored in the clear
  auto resumed = resume_session(deps(), started.session.id_hash, "", kNow + seconds(120));
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->user_id, "u1");
  // The use is recorded (more than a touch interval after the last one).
  EXPECT_EQ(store_->sessions().find(started.session.id_hash)->last_seen_at, kNow + seconds(120));
}

TEST_F(BrowserSessionStore, AnIdleSessionIsEndedInsteadOfResumed) {
  const auto started = start_session(deps(), "u1", std::nullopt, kNow);
  EXPECT_FALSE(resume_session(deps(), started.session.id_hash, "", kNow + kIdle));
  EXPECT_TRUE(store_->sessions().find(started.session.id_hash)->ended_at);
}

TEST_F(BrowserSessionStore, ADisabledUserHasNoSession) {
  const auto started = start_session(deps(), "u1", std::nullopt, kNow);
  store_->users().set_active("u1", false, kNow);
  EXPECT_FALSE(resume_session(deps(), started.session.id_hash, "", kNow + seconds(1)));
}

TEST_F(BrowserSessionStore, StartingASessionEndsTheOneItReplaces) {
  const auto first = start_session(deps(), "u1", std::nullopt, kNow);
  const auto second = start_session(deps(), "u1", first.session, kNow + seconds(5));
  EXPECT_NE(second.session.sid, first.session.sid);
  EXPECT_TRUE(store_->sessions().find(first.session.id_hash)->ended_at);
  EXPECT_FALSE(resume_session(deps(), first.session.id_hash, "", kNow + seconds(6)));
  EXPECT_TRUE(resume_session(deps(), second.session.id_hash, "", kNow + seconds(6)));
}

TEST_F(BrowserSessionStore, LogoutEndsTheSessionOfTheCookieAndIgnoresAnUnknownOne) {
  const auto started = start_session(deps(), "u1", std::nullopt, kNow);
  end_browser_session(deps(), "no-such-hash", "logout", "", kNow);
  EXPECT_FALSE(store_->sessions().find(started.session.id_hash)->ended_at);
  end_browser_session(deps(), started.session.id_hash, "logout", "192.0.2.1", kNow + seconds(1));
  EXPECT_TRUE(store_->sessions().find(started.session.id_hash)->ended_at);
  const auto events = store_->audit().list_recent(1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "session.ended");
  EXPECT_NE(events[0].detail.find("logout"), std::string::npos);
}

}  // namespace
}  // namespace authly::oidc
